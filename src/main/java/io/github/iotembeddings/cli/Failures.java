package io.github.iotembeddings.cli;

/** Turns an exception into the one line a user reads. */
final class Failures {

	private Failures() {
	}

	/**
	 * @param ex any failure
	 * @return the deepest cause's message, first line only, with its type when the message is empty
	 */
	static String describe(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = root.getMessage();
		if (message == null || message.isBlank()) {
			return root.getClass().getSimpleName();
		}
		String line = message.strip();
		int newline = line.indexOf('\n');
		return (newline < 0) ? line : line.substring(0, newline).strip();
	}

}
