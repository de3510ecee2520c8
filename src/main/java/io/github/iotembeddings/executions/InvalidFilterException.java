package io.github.iotembeddings.executions;

/** A filter of the execution history the caller must change; its message is one line saying how. */
public class InvalidFilterException extends IllegalArgumentException {

	public InvalidFilterException(String message) {
		super(message);
	}

}
