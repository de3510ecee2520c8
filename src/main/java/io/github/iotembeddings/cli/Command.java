package io.github.iotembeddings.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The commands of the command-line contract, with the options and arguments each accepts. */
enum Command {

	MIGRATE("migrate", "apply the Liquibase changelog (idempotent)", Set.of(), 0),

	BACKFILL("backfill", "embed the N newest events whose embedding is missing or stale, newest first"
			+ " (--partition=I/N: this process's share)", Set.of("limit", "partition", "partitions"), 0),

	SYNC("sync", "embed every event with a missing or stale embedding, then exit (--partition=I/N: this process's share)",
			Set.of("partition", "partitions"), 0),

	SCHEDULE("schedule", "run the clustered scheduler in the foreground: sync every minute (--cron=QUARTZ_CRON)",
			Set.of("cron"), 0),

	INSTALL_TRIGGER("install-trigger", "opt in: a trigger on iot_events wakes `schedule` within a second of an insert",
			Set.of(), 0),

	REMOVE_TRIGGER("remove-trigger", "remove the trigger that install-trigger added", Set.of(), 0),

	SYNC_TEST("sync-test", "insert marked events, time how fast the running scheduler embeds them, write the"
			+ " sync reports (--samples=N, --timeout=SECONDS)", Set.of("samples", "timeout"), 0),

	VALIDATE("validate", "row parity, similarity smoke, index recall, schema checks; writes _reports/emb_validation.*;"
			+ " exit 1 when events are missing or a check fails", Set.of(), 0),

	STATUS("status", "at a glance: coverage, pending events and the oldest one's wait, stale rows, the latest runs, the index",
			Set.of(), 0),

	INDEX("index", "rebuild the vector index if it no longer fits its rows (runs do this after writing);"
			+ " --rebuild=true rebuilds it anyway; never leaves the table without an index", Set.of("rebuild"), 0),

	REPORT("report", "(re)write the _reports/ files from the tables and the Batch metadata", Set.of(), 0),

	ERRORS("errors", "list events that could not be embedded: why, attempts, next retry", Set.of("limit"), 0),

	EXECUTIONS("executions", "list recent job executions with status, counts, durations", Set.of("limit"), 0),

	RESTART("restart", "restart EXECUTION_ID: resume a failed or stopped run (or one whose process died) after its last committed chunk", Set.of(), 1),

	DEMO_SEED("demo-seed", "create the demo iot_events table if absent and insert N realistic events",
			Set.of("events"), 0),

	BENCH("bench", "side by side on the N newest events' texts (--texts=N, default 2048): this tool's embedder at several"
			+ " chunk sizes, langchain4j's, a bare ONNX Runtime session, int8; the upsert path alone", Set.of("texts"), 0);

	/** Accepted by every command. */
	static final Set<String> COMMON_OPTIONS = Set.of("chunk-size", "model", "quantized", "max-length", "reports-dir");

	private final String cliName;

	private final String description;

	private final Set<String> options;

	private final int arguments;

	Command(String cliName, String description, Set<String> options, int arguments) {
		this.cliName = cliName;
		this.description = description;
		this.options = options;
		this.arguments = arguments;
	}

	static Optional<Command> named(String name) {
		return Arrays.stream(values()).filter(c -> c.cliName.equals(name.toLowerCase(Locale.ROOT))).findFirst();
	}

	String cliName() {
		return cliName;
	}

	String description() {
		return description;
	}

	boolean accepts(String option) {
		return options.contains(option) || COMMON_OPTIONS.contains(option);
	}

	int arguments() {
		return arguments;
	}

}
