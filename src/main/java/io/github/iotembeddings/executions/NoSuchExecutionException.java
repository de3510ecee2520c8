package io.github.iotembeddings.executions;

import io.github.iotembeddings.config.InvalidConfigurationException;

/** An execution id that names no execution of the embedding job: a usage error (404 over HTTP). */
public class NoSuchExecutionException extends InvalidConfigurationException {

	public NoSuchExecutionException(long executionId) {
		super("no embedding job execution with id " + executionId + ": run `executions` to list them");
	}

}
