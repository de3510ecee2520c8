package io.github.iotembeddings.cli;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns what picocli found wrong with the arguments into the one line a user reads, and a failure the user
 * is told about in one line into its exit code.
 */
final class Failures {

	private Failures() {
	}

	/**
	 * @param ex what picocli found wrong with the arguments
	 * @return its message in the tool's style (lower case), naming the command it is about; a first argument
	 * that is no command is an unknown command
	 */
	static String describe(ParameterException ex) {
		CommandLine command = ex.getCommandLine();
		boolean tool = command.getParent() == null;
		if (tool && ex instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
			return "unknown command '" + unmatched.getUnmatched().get(0) + "'";
		}
		String message = ex.getMessage();
		// "Unknown option: ..." but not "EXECUTION_ID ..."
		if (message.length() > 1 && Character.isLowerCase(message.charAt(1))) {
			message = Character.toLowerCase(message.charAt(0)) + message.substring(1);
		}
		return tool ? message : command.getCommandName() + ": " + message;
	}

}
