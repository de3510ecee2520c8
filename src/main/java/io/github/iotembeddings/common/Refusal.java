package io.github.iotembeddings.common;

/**
 * The current state does not allow what was asked (an execution still running, a rebuild already under
 * way, no scheduler in this process); nothing was changed, and asking again later, or after doing what
 * the message says, may succeed. Its message is one line saying why. Not a setting to fix: that is
 * {@code config.InvalidConfigurationException}. The command line exits 2 for it, HTTP answers 409 (an
 * unknown execution, {@code NoSuchExecutionException}, 404).
 */
public class Refusal extends RuntimeException {

	public Refusal(String message) {
		super(message);
	}

}
