package io.github.iotembeddings.config;

/**
 * The current state does not allow what was asked (an execution still running, a rebuild already under
 * way, no scheduler in this process); nothing was changed, and asking again later, or after doing what
 * the message says, may succeed. Its message is one line saying why. HTTP answers it 409 (an unknown
 * execution, {@code NoSuchExecutionException}, 404).
 * <p>
 * It is not a setting to fix, but it extends {@link InvalidConfigurationException} for one reason: the
 * command line's catch-all ({@code cli.Cli}) reports an {@link InvalidConfigurationException} in one line
 * with exit code 2, the contract's code for both (see {@code cli.ExitCodes#REFUSED}), and refusals must
 * keep it. Code that must tell the two apart catches {@code Refusal} first.
 */
public class Refusal extends InvalidConfigurationException {

	public Refusal(String message) {
		super(message);
	}

}
