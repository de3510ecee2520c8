package io.github.iotembeddings.cli;

/** Exit codes of the command-line contract. */
final class ExitCodes {

	/** The command did what it was asked. */
	static final int DONE = 0;

	/** The job (or a check) ran and failed. */
	static final int FAILED = 1;

	/** The command line or the configuration is wrong; nothing was written. */
	static final int USAGE = 2;

	/**
	 * The current state refused what was asked ({@link io.github.iotembeddings.common.Refusal}: an execution
	 * still running, no scheduler here); nothing was written. The same value as {@link #USAGE} on purpose: the
	 * documented contract is 0 done, 1 failed, 2 usage or configuration error, and scripts test for 2.
	 */
	static final int REFUSED = 2;

	private ExitCodes() {
	}

}
