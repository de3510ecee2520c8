package io.github.iotembeddings.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.iotembeddings.job.Partition;
import org.jspecify.annotations.Nullable;
import org.quartz.CronExpression;

/**
 * A parsed command line: {@code COMMAND [--option=value ...] [ARGUMENT ...]}.
 *
 * @param command the command
 * @param options the options by name, without the leading dashes
 * @param arguments the positional arguments
 */
record CommandLine(Command command, Map<String, String> options, List<String> arguments) {

	/** The index Kubernetes gives each pod of an Indexed Job. */
	static final String JOB_COMPLETION_INDEX = "JOB_COMPLETION_INDEX";

	static CommandLine parse(String[] args) {
		if (args.length == 0) {
			throw new UsageException("no command given");
		}
		Command command = Command.named(args[0])
			.orElseThrow(() -> new UsageException("unknown command '" + args[0] + "'"));
		Map<String, String> options = new LinkedHashMap<>();
		List<String> arguments = new ArrayList<>();
		for (int i = 1; i < args.length; i++) {
			String arg = args[i];
			if (!arg.startsWith("--")) {
				arguments.add(arg);
				continue;
			}
			int equals = arg.indexOf('=');
			String name = (equals < 0) ? arg.substring(2) : arg.substring(2, equals);
			if (!command.accepts(name)) {
				throw new UsageException("unknown option --" + name + " for " + command.cliName());
			}
			if (equals < 0) {
				// "--limit 10" as well as "--limit=10"
				if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
					throw new UsageException("option --" + name + " needs a value, e.g. --" + name + "=VALUE");
				}
				options.put(name, args[++i]);
			}
			else {
				options.put(name, arg.substring(equals + 1));
			}
		}
		if (arguments.size() != command.arguments()) {
			throw new UsageException(command.cliName() + " takes " + command.arguments() + " argument"
					+ (command.arguments() == 1 ? "" : "s") + ", got " + arguments.size());
		}
		return new CommandLine(command, options, arguments);
	}

	/** Checks every option value this command takes, so mistakes surface before anything connects. */
	void validate() {
		longOption("chunk-size", 1, 10_000);
		longOption("max-length", 8, 8_192);
		quantized();
		rebuildIndex();
		switch (command) {
			case BACKFILL -> backfillLimit();
			case EXECUTIONS, ERRORS -> executionsToList();
			case DEMO_SEED -> demoEvents();
			case RESTART -> executionId();
			case BENCH -> benchTexts();
			case SCHEDULE -> cron();
			case SYNC_TEST -> {
				syncTestSamples();
				syncTestTimeoutSeconds();
			}
			default -> {
			}
		}
	}

	/** @return {@code --limit} of backfill: how many events to embed */
	long backfillLimit() {
		return requiredLongOption("limit", 1, Integer.MAX_VALUE);
	}

	/** @return {@code --limit} of executions: how many to list, 20 by default */
	int executionsToList() {
		Long limit = longOption("limit", 1, 10_000);
		return (limit != null) ? limit.intValue() : 20;
	}

	/** @return {@code --events} of demo-seed */
	int demoEvents() {
		return (int) requiredLongOption("events", 0, 10_000_000);
	}

	/** @return {@code --texts} of bench, 2048 by default */
	int benchTexts() {
		Long texts = longOption("texts", 1, 1_000_000);
		return (texts != null) ? texts.intValue() : 2048;
	}

	/**
	 * The share of the events this process embeds: {@code --partition=I/N}, or {@code --partitions=N}
	 * with I from Kubernetes' {@code JOB_COMPLETION_INDEX} (set in each pod of an Indexed Job).
	 * @param environment the process's variables
	 * @return the partition; the whole when neither option is given
	 */
	Partition partition(Map<String, String> environment) {
		String partition = options.get("partition");
		String partitions = options.get("partitions");
		if (partition != null && partitions != null) {
			throw new UsageException("give --partition=I/N or --partitions=N, not both");
		}
		try {
			if (partition != null) {
				return Partition.parse(partition);
			}
			if (partitions != null) {
				String index = environment.get(JOB_COMPLETION_INDEX);
				if (index == null) {
					throw new UsageException("--partitions=" + partitions + " takes this process's index from "
							+ JOB_COMPLETION_INDEX + " (set by a Kubernetes Indexed Job), which is not set:"
							+ " pass --partition=I/N instead");
				}
				return Partition.parse(index + "/" + partitions);
			}
		}
		catch (IllegalArgumentException ex) {
			throw new UsageException(ex.getMessage());
		}
		return Partition.WHOLE;
	}

	/** @return {@code --quantized=true|false}: the bundled model's int8 version; false when absent */
	boolean quantized() {
		return booleanOption("quantized");
	}

	/** @return {@code --rebuild=true|false} of index; false when absent */
	boolean rebuildIndex() {
		return booleanOption("rebuild");
	}

	private boolean booleanOption(String name) {
		String value = options.get(name);
		if (value == null) {
			return false;
		}
		if (!value.equals("true") && !value.equals("false")) {
			throw new UsageException("--" + name + " takes true or false, got '" + value + "'");
		}
		return Boolean.parseBoolean(value);
	}

	/** @return {@code --samples} of sync-test, 1 by default */
	int syncTestSamples() {
		Long samples = longOption("samples", 1, 1_000);
		return (samples != null) ? samples.intValue() : 1;
	}

	/** @return {@code --timeout} of sync-test in seconds: per event, 150 (two minute-periods and a half) by default */
	long syncTestTimeoutSeconds() {
		Long timeout = longOption("timeout", 1, 3_600);
		return (timeout != null) ? timeout : 150;
	}

	/** @return {@code --cron} of schedule, or {@code null} for the configured one */
	@Nullable String cron() {
		String cron = options.get("cron");
		if (cron != null && !CronExpression.isValidExpression(cron)) {
			throw new UsageException("--cron '" + cron + "' is not a Quartz cron expression (seconds first),"
					+ " e.g. \"0 * * * * ?\" for every minute");
		}
		return cron;
	}

	/** @return the EXECUTION_ID argument of restart */
	long executionId() {
		return parseLong("EXECUTION_ID", arguments.get(0), 1, Long.MAX_VALUE);
	}

	/**
	 * @param name the option
	 * @param min the smallest accepted value
	 * @param max the largest accepted value
	 * @return the option's value, or {@code null} when it is absent
	 */
	private @Nullable Long longOption(String name, long min, long max) {
		String value = options.get(name);
		return (value != null) ? parseLong("--" + name, value, min, max) : null;
	}

	private long requiredLongOption(String name, long min, long max) {
		Long value = longOption(name, min, max);
		if (value == null) {
			throw new UsageException(command.cliName() + " needs --" + name + "=N");
		}
		return value;
	}

	private static long parseLong(String what, String value, long min, long max) {
		long parsed;
		try {
			parsed = Long.parseLong(value.strip());
		}
		catch (NumberFormatException ex) {
			throw new UsageException(what + " must be a whole number, not '" + value + "'");
		}
		if (parsed < min || parsed > max) {
			throw new UsageException(what + " must be between " + min + " and " + max + ", not " + parsed);
		}
		return parsed;
	}

}
