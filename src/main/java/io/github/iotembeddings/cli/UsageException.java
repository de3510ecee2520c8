package io.github.iotembeddings.cli;

/** The command line is wrong; reported in one line with exit code 2. */
class UsageException extends RuntimeException {

	UsageException(String message) {
		super(message);
	}

}
