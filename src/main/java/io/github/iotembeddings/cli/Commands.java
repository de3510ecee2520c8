package io.github.iotembeddings.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The tool's root command and its list of commands, one class each (a {@link ParsedCommand}). Parsing needs
 * nothing else, so every mistake is found before the application starts.
 */
@Command(name = "iot-embeddings", customSynopsis = "iot-embeddings COMMAND [--option=value ...]",
		description = "Keeps public.event_embeddings complete and current.", commandListHeading = "%nCommands:%n",
		footerHeading = "%n",
		footer = { "COMMAND --help lists the options of COMMAND.",
				"Connection: DATABASE_URL (jdbc:postgresql://... or",
				"  postgresql://user:pass@host:port/db), DATABASE_USER, DATABASE_PASSWORD;",
				"  a .env file in the working directory is read.",
				"Exit codes: 0 done, 1 job failed, 2 usage or configuration error." },
		subcommands = {
				MigrateCommand.class,
				BackfillCommand.class,
				SyncCommand.class,
				ReconcileCommand.class,
				ScheduleCommand.class,
				InstallTriggerCommand.class,
				RemoveTriggerCommand.class,
				GrantReadCommand.class,
				RevokeReadCommand.class,
				GrantsCommand.class,
				SyncTestCommand.class,
				ValidateCommand.class,
				SearchCommand.class,
				ServeCommand.class,
				StatusCommand.class,
				IndexCommand.class,
				KeywordIndexCommand.class,
				ReportCommand.class,
				ErrorsCommand.class,
				ExecutionsCommand.class,
				RestartCommand.class,
				StopCommand.class,
				AbandonCommand.class,
				DemoSeedCommand.class,
				HelpCommand.class })
final class Commands {

	@Mixin
	HelpOption help = new HelpOption();

	/** @return a command line to parse one set of arguments with (it keeps the values it parsed) */
	static CommandLine commandLine() {
		return commandLine(new Commands());
	}

	/**
	 * @param root the top-level command: {@link Commands}, or another build's own set of commands (the
	 * benchmarks' in src/bench), which parse by the same rules
	 * @return a command line to parse one set of arguments with (it keeps the values it parsed)
	 */
	static CommandLine commandLine(Object root) {
		CommandLine commandLine = new CommandLine(root);
		commandLine.setSubcommandsCaseInsensitive(true);
		// A repeated option is no error, the last one wins: so it has always been, and scripts may append one.
		commandLine.setOverwrittenOptionsAllowed(true);
		// An argument is what it says: "@file" is not replaced by the file's lines.
		commandLine.setExpandAtFiles(false);
		Converters.register(commandLine);
		return commandLine;
	}

	/**
	 * @param parsed what {@link #commandLine()} parsed
	 * @return the command the arguments name, every value checked
	 * @throws ParameterException when they name none or a value is out of range
	 */
	static ParsedCommand command(ParseResult parsed) {
		if (!parsed.hasSubcommand()) {
			throw new ParameterException(parsed.commandSpec().commandLine(), "no command given");
		}
		ParsedCommand command = (ParsedCommand) parsed.subcommand().commandSpec().userObject();
		command.checkRanges();
		return command;
	}

}
