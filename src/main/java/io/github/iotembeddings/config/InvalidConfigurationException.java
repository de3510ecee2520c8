package io.github.iotembeddings.config;

/**
 * A setting, an input or an installation the user must fix before anything can run. Its message is one
 * line naming what to fix, and never contains a secret; the command line reports it with exit code 2.
 * What the current state refuses, with nothing wrong in the settings, is a {@link Refusal}.
 */
public class InvalidConfigurationException extends RuntimeException {

	public InvalidConfigurationException(String message) {
		super(message);
	}

	public InvalidConfigurationException(String message, Throwable cause) {
		super(message, cause);
	}

}
