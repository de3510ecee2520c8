package io.github.iotembeddings.cli;

import java.io.PrintStream;

/** Runs one or more commands inside the started application. */
interface CommandHandler {

	boolean handles(Command command);

	/**
	 * @param line the parsed command line
	 * @param out where the command's result goes (progress goes to the log)
	 * @return the exit code
	 */
	int run(CommandLine line, PrintStream out) throws Exception;

}
