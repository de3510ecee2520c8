package io.github.iotembeddings.executions;

import io.github.iotembeddings.common.Refusal;

/** An execution id that names no execution of the embedding job: refused, 404 over HTTP, exit code 2. */
public class NoSuchExecutionException extends Refusal {

	public NoSuchExecutionException(long executionId) {
		super("no embedding job execution with id " + executionId + ": run `executions` to list them");
	}

}
