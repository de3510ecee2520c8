package io.github.iotembeddings.cli;

import io.github.iotembeddings.common.Messages;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.iotembeddings.config.ConnectionCheck;
import io.github.iotembeddings.config.ConnectionSettings;
import io.github.iotembeddings.config.DotEnvFile;
import io.github.iotembeddings.config.InvalidConfigurationException;
import io.github.iotembeddings.config.ServerInstallationFailure;
import io.github.iotembeddings.job.Partition;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * The command line: parses and checks the arguments before anything starts, resolves the connection,
 * starts the application for one command, and turns every outcome into an exit code and at most one
 * line on standard error. Secrets never reach the output.
 */
public final class Cli {

	/** Options that map onto configuration properties. */
	private static final Map<String, String> OPTION_PROPERTIES = Map.of("chunk-size", "embeddings.job.chunk-size",
			"model", "embeddings.model.dir", "quantized", "embeddings.model.quantized", "max-length", "embeddings.model.max-length", "cron",
			"embeddings.schedule.cron");

	static final String LOG_FORMAT_VARIABLE = "EMBEDDINGS_LOG_FORMAT";

	private Cli() {
	}

	/**
	 * Runs a command with the process's environment and working directory.
	 * @param args the command line
	 * @return the exit code
	 */
	public static int main(String[] args) {
		return run(args, System.getenv(), Path.of("").toAbsolutePath(), System.out, System.err);
	}

	/**
	 * Runs a command.
	 * @param args the command line
	 * @param environment environment variables; a {@code .env} file in {@code workingDir} fills in
	 * what they lack
	 * @param workingDir where {@code .env} is looked for
	 * @param out receives the command's result
	 * @param err receives the one-line error, if any
	 * @return the exit code: 0 done, 1 failed, 2 usage or configuration error
	 */
	public static int run(String[] args, Map<String, String> environment, Path workingDir, PrintStream out,
			PrintStream err) {
		RuntimeDefaults.apply();
		if (args.length == 0 || List.of("help", "--help", "-h").contains(args[0])) {
			Usage.print(out);
			return (args.length == 0) ? ExitCodes.USAGE : ExitCodes.DONE;
		}
		Map<String, String> variables = new HashMap<>(DotEnvFile.read(workingDir.resolve(".env")));
		variables.putAll(environment);
		SecretRedactor redactor = SecretRedactor.of(variables);
		String server = "the database";
		try {
			CommandLine line = CommandLine.parse(args);
			line.validate();
			Partition partition = line.partition(variables);
			String logFormat = structuredLogFormat(variables.get(LOG_FORMAT_VARIABLE));
			ConnectionSettings connection = ConnectionSettings.from(variables);
			redactor = redactor.with(connection.password());
			server = connection.describe();
			ConnectionCheck.verify(connection);
			try (ConfigurableApplicationContext context = start(line, connection, partition, logFormat,
					settingsVariables(variables), reportsDir(line, variables, workingDir))) {
				return handlerFor(context, line.command()).run(line, out);
			}
		}
		catch (UsageException ex) {
			err.println("error: " + redactor.redact(ex.getMessage()) + " (see --help)");
			return ExitCodes.USAGE;
		}
		catch (Throwable ex) {
			// Whatever step met it, a server that cannot load its own files is the cause to report.
			InvalidConfigurationException configuration = ServerInstallationFailure.recognise(ex, server)
				.orElseGet(() -> findCause(ex, InvalidConfigurationException.class));
			if (configuration != null) {
				err.println("error: " + redactor.redact(configuration.getMessage()));
				return ExitCodes.USAGE;
			}
			err.println("error: " + redactor.redact(Messages.ofRootCause(ex)));
			return ExitCodes.FAILED;
		}
	}

	/**
	 * {@code EMBEDDINGS_*} variables, from the environment or {@code .env}, set the tool's properties
	 * ({@code EMBEDDINGS_JOB_TEXT_SQL} is {@code embeddings.job.text-sql}). Only those: the connection
	 * variables stay out of Spring's property sources.
	 */
	private static Map<String, Object> settingsVariables(Map<String, String> variables) {
		Map<String, Object> settings = new HashMap<>();
		variables.forEach((name, value) -> {
			if (name.startsWith("EMBEDDINGS_")) {
				settings.put(name, value);
			}
		});
		return settings;
	}

	/**
	 * {@code --reports-dir}, else {@code EMBEDDINGS_REPORTS_DIR}, else {@code _reports}; relative to the
	 * working directory the command was run in.
	 */
	private static Path reportsDir(CommandLine line, Map<String, String> variables, Path workingDir) {
		String dir = line.options().getOrDefault("reports-dir", variables.getOrDefault("EMBEDDINGS_REPORTS_DIR", "_reports"));
		return workingDir.resolve(dir);
	}

	/**
	 * {@code EMBEDDINGS_LOG_FORMAT}: {@code text} (the default), or {@code json} for one JSON object per line
	 * (Boot's structured logging, Elastic Common Schema), or {@code logstash} or {@code gelf}.
	 */
	static @Nullable String structuredLogFormat(@Nullable Object value) {
		if (value == null || "text".equals(value)) {
			return null;
		}
		return switch (value.toString()) {
			case "json", "ecs" -> "ecs";
			case "logstash" -> "logstash";
			case "gelf" -> "gelf";
			default -> throw new UsageException(LOG_FORMAT_VARIABLE + "=" + value + " is not a log format: use text, json,"
					+ " logstash or gelf");
		};
	}

	private static ConfigurableApplicationContext start(CommandLine line, ConnectionSettings connection,
			Partition partition, @Nullable String logFormat, Map<String, Object> settingsVariables, Path reportsDir) {
		Map<String, String> properties = new LinkedHashMap<>();
		line.options().forEach((name, value) -> {
			String property = OPTION_PROPERTIES.get(name);
			if (property != null) {
				properties.put(property, value);
			}
		});
		return ApplicationStarter.start(properties, line.command() == Command.SCHEDULE, connection, partition, logFormat,
				settingsVariables, reportsDir);
	}

	private static CommandHandler handlerFor(ConfigurableApplicationContext context, Command command) {
		return context.getBeansOfType(CommandHandler.class)
			.values()
			.stream()
			.filter(handler -> handler.handles(command))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("no handler for " + command.cliName()));
	}

	private static <T extends Throwable> @Nullable T findCause(Throwable ex, Class<T> type) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return null;
	}

}
