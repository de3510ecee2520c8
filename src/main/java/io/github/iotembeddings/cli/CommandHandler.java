package io.github.iotembeddings.cli;

import java.io.PrintStream;

/**
 * Runs parsed commands inside the started application.
 *
 * @param <C> the commands it runs: one class of {@link Commands}, or their common base; {@link Cli} picks the
 * handler by it
 * (until every command has a run() of its own)
 */
interface CommandHandler<C extends ParsedCommand> {

	/**
	 * @param command what was parsed
	 * @param out where the command's result goes (progress goes to the log)
	 * @return the exit code
	 */
	int run(C command, PrintStream out) throws Exception;

}
