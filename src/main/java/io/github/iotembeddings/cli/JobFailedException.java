package io.github.iotembeddings.cli;

/** A job ran and did not complete; exit code 1, with a message that says how to resume. */
class JobFailedException extends RuntimeException {

	JobFailedException(String message) {
		super(message);
	}

}
