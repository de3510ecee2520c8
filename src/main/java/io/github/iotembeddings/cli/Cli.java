package io.github.iotembeddings.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.github.iotembeddings.common.Causes;
import io.github.iotembeddings.common.Messages;
import io.github.iotembeddings.common.SecretRedactor;
import io.github.iotembeddings.config.ConnectionCheck;
import io.github.iotembeddings.config.ConnectionSettings;
import io.github.iotembeddings.config.DatabaseProperties;
import io.github.iotembeddings.config.DotEnvFile;
import io.github.iotembeddings.common.Refusal;
import io.github.iotembeddings.config.InvalidConfigurationException;
import io.github.iotembeddings.config.InvalidSettings;
import io.github.iotembeddings.config.ServerInstallationFailure;
import io.github.iotembeddings.config.SessionBounds;
import io.github.iotembeddings.events.Partition;
import io.github.iotembeddings.model.EmbeddingModelLoader;
import io.github.iotembeddings.model.OnnxRuntimeLibraries;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * The command line: parses and checks the arguments before anything starts, resolves the connection,
 * starts the application for one command, and turns every outcome into an exit code and at most one
 * line on standard error. Secrets never reach the output.
 */
public final class Cli {

	static final String LOG_FORMAT_VARIABLE = "EMBEDDINGS_LOG_FORMAT";

	private Cli() {
	}

	/**
	 * The jar's entry point: runs a command with the process's environment and working directory, and exits
	 * with its code.
	 * @param args the command line
	 */
	public static void main(String[] args) {
		System.exit(run(args, System.getenv(), Path.of("").toAbsolutePath(), System.out, System.err));
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
		return run(Commands.commandLine(), args, environment, workingDir, out, err);
	}

	/**
	 * Runs a command of another set of commands the same way (the benchmarks' build has its own).
	 * @param commandLine what {@link Commands#commandLine(Object)} made of that set
	 */
	static int run(CommandLine commandLine, String[] args, Map<String, String> environment, Path workingDir,
			PrintStream out, PrintStream err) {
		commandLine.setOut(new PrintWriter(out, true));
		if (args.length == 0) {
			commandLine.usage(out);
			return ExitCodes.USAGE;
		}
		Map<String, String> variables = new HashMap<>(DotEnvFile.read(workingDir.resolve(".env")));
		variables.putAll(environment);
		SecretRedactor redactor = SecretRedactor.of(variables);
		String server = "the database";
		try {
			ParseResult parsed = commandLine.parseArgs(args);
			Integer helpExitCode = CommandLine.executeHelpRequest(parsed);
			if (helpExitCode != null) {
				return helpExitCode;
			}
			ParsedCommand command = Commands.command(parsed);
			Partition partition = command.partition(variables);
			String logFormat = structuredLogFormat(variables.get(LOG_FORMAT_VARIABLE));
			ConnectionSettings connection = ConnectionSettings.from(variables);
			redactor = redactor.with(connection.password());
			server = connection.describe();
			if (isTrainingRun()) {
				prepareImage(variables);
			}
			else {
				ConnectionCheck.verify(connection, new SessionBounds(DatabaseProperties.from(settingsVariables(variables))));
			}
			try (ConfigurableApplicationContext context = start(command, connection, partition, logFormat,
					settingsVariables(variables), reportsDir(command, variables, workingDir))) {
				return command.run(context, out);
			}
		}
		catch (ParameterException ex) {
			err.println("error: " + redactor.redact(Failures.describe(ex)) + " (see --help)");
			return ExitCodes.USAGE;
		}
		catch (UsageException ex) {
			err.println("error: " + redactor.redact(ex.getMessage()) + " (see --help)");
			return ExitCodes.USAGE;
		}
		catch (Throwable ex) {
			Refusal refusal = Causes.find(ex, Refusal.class);
			if (refusal != null) {
				err.println("error: " + redactor.redact(refusal.getMessage()));
				return ExitCodes.REFUSED;
			}
			// Whatever step met it, a server that cannot load its own files is the cause to report.
			InvalidConfigurationException configuration = ServerInstallationFailure.recognise(ex, server)
				.or(() -> InvalidSettings.recognise(ex, CommonOptions::optionFor))
				.orElseGet(() -> Causes.find(ex, InvalidConfigurationException.class));
			if (configuration != null) {
				err.println("error: " + redactor.redact(configuration.getMessage()));
				return ExitCodes.USAGE;
			}
			err.println("error: " + redactor.redact(Messages.ofRootCause(ex)));
			return ExitCodes.FAILED;
		}
	}

	/**
	 * A training run for the JVM's AOT cache, as Spring Boot documents it ({@code -Dspring.context.exit=onRefresh}):
	 * the context starts as the command's would and the process exits once it has refreshed, before the
	 * command runs. It happens where the image is built, with no database to reach, so the connection is not
	 * checked (the pool connects on first use, which never comes).
	 */
	private static boolean isTrainingRun() {
		return "onRefresh".equals(System.getProperty("spring.context.exit"));
	}

	/**
	 * In the image's training run, the bundled models are unpacked where the image says
	 * ({@code EMBEDDINGS_MODEL_CACHE_DIR}), so that a CronJob's sync never inflates them at run time, with
	 * ONNX Runtime's libraries ({@link OnnxRuntimeLibraries}), and the model is loaded once, so that what
	 * loading it takes is in the AOT cache too (and the tokenizer's library in {@code DJL_CACHE_DIR}).
	 */
	private static void prepareImage(Map<String, String> variables) {
		// Before DJL loads, as in every start (or it would start PyTorch beside ONNX Runtime).
		RuntimeDefaults.apply();
		OnnxRuntimeLibraries.unpackWhereConfigured();
		String cacheDir = variables.get("EMBEDDINGS_MODEL_CACHE_DIR");
		if (cacheDir != null) {
			EmbeddingModelLoader.unpackBundled(Path.of(cacheDir));
			EmbeddingModelLoader.loadOnceForTraining(Path.of(cacheDir));
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
	private static Path reportsDir(ParsedCommand command, Map<String, String> variables, Path workingDir) {
		String dir = command.common.reportsDir;
		return workingDir.resolve((dir != null) ? dir : variables.getOrDefault("EMBEDDINGS_REPORTS_DIR", "_reports"));
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

	private static ConfigurableApplicationContext start(ParsedCommand command, ConnectionSettings connection,
			Partition partition, @Nullable String logFormat, Map<String, Object> settingsVariables, Path reportsDir) {
		return ApplicationStarter.start(command.properties(), command.mode(), connection, partition,
				logFormat, settingsVariables, reportsDir);
	}

}
