package io.github.iotembeddings.cli;

/** Exit codes of the command-line contract. */
final class ExitCodes {

	/** The command did what it was asked. */
	static final int DONE = 0;

	/** The job (or a check) ran and failed. */
	static final int FAILED = 1;

	/** The command line or the configuration is wrong; nothing was written. */
	static final int USAGE = 2;

	private ExitCodes() {
	}

}
