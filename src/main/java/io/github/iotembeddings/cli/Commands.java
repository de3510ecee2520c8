package io.github.iotembeddings.cli;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.iotembeddings.search.SearchMode;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The command-line contract, declared for picocli: one class per command, which holds what was parsed.
 * Parsing needs nothing else, so every mistake is found before the application starts.
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
				Commands.Migrate.class,
				BackfillCommand.class,
				SyncCommand.class,
				ReconcileCommand.class,
				Commands.Schedule.class,
				InstallTriggerCommand.class,
				RemoveTriggerCommand.class,
				GrantReadCommand.class,
				RevokeReadCommand.class,
				Commands.Grants.class,
				Commands.SyncTest.class,
				Commands.Validate.class,
				Commands.Search.class,
				Commands.Serve.class,
				Commands.Status.class,
				Commands.Index.class,
				Commands.KeywordIndex.class,
				Commands.Report.class,
				Commands.Errors.class,
				Commands.Executions.class,
				RestartCommand.class,
				StopCommand.class,
				AbandonCommand.class,
				Commands.DemoSeed.class,
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

	@Command(name = "migrate", description = "apply the Liquibase changelog (idempotent)")
	static final class Migrate extends ParsedCommand {

	}

	@Command(name = "schedule", description = "run the clustered scheduler in the foreground: sync on a cron, every"
			+ " minute by default")
	static final class Schedule extends ParsedCommand {

		@Option(names = "--cron", paramLabel = "QUARTZ_CRON", converter = Converters.QuartzCron.class,
				description = "when to sync, Quartz syntax with seconds first, e.g. \"0/5 * * * * ?\"")
		@Nullable String cron;

		@Override
		Map<String, Object> properties() {
			Map<String, Object> properties = super.properties();
			CommonOptions.putIfGiven(properties, "embeddings.schedule.cron", cron);
			return properties;
		}

		@Override
		ApplicationStarter.Mode mode() {
			return ApplicationStarter.Mode.SCHEDULE;
		}

	}

	@Command(name = "grants", description = "print the SQL that lets a role run every command but migrate, and"
			+ " nothing more (--role=NAME)")
	static final class Grants extends ParsedCommand {

		@Option(names = "--role", paramLabel = "NAME", required = true,
				description = "the role the runtime commands log in as")
		String role = "";

	}

	@Command(name = "sync-test", description = "insert marked events, time how fast the running scheduler embeds"
			+ " them, write the sync reports")
	static final class SyncTest extends ParsedCommand {

		@Option(names = "--samples", paramLabel = "N", defaultValue = "1",
				description = "events to insert, one at a time (default ${DEFAULT-VALUE})")
		@Range(min = 1, max = 1_000)
		int samples;

		@Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "150",
				description = "how long to wait for each (default ${DEFAULT-VALUE}: two minute-periods and a half)")
		@Range(min = 1, max = 3_600)
		long timeoutSeconds;

	}

	@Command(name = "validate", description = "row parity, similarity smoke, index recall, schema checks; writes"
			+ " _reports/emb_validation.*; exit 1 when events are missing or a check fails")
	static final class Validate extends ParsedCommand {

	}

	@Command(name = "search", description = "the events that match a text by its words and by its meaning (hybrid),"
			+ " or by one of them: asks public.hybrid_match_iot_events or public.match_iot_events, as the app does")
	static final class Search extends ParsedCommand {

		@Parameters(paramLabel = "TEXT", description = "what to search for, e.g. \"overheating in the server room\"")
		String text = "";

		@Option(names = "--limit", paramLabel = "K", defaultValue = "10",
				description = "how many events (default ${DEFAULT-VALUE})")
		@Range(min = 1, max = 1_000)
		int limit;

		@Option(names = "--since", paramLabel = "TIME", converter = Converters.SearchTime.class,
				description = "only events created since TIME: 2026-12-01T08:00:00Z, 2026-12-01, or an age such as 24h, 7d")
		@Nullable Instant since;

		@Option(names = "--until", paramLabel = "TIME", converter = Converters.SearchTime.class,
				description = "only events created before TIME (same forms)")
		@Nullable Instant until;

		@Option(names = "--where", paramLabel = "COLUMN=VALUE",
				description = "only events whose COLUMN has VALUE (a JSON object for a jsonb column: the event's value"
						+ " must contain it); repeat for more")
		Map<String, String> where = new LinkedHashMap<>();

		@Option(names = "--mode", paramLabel = "hybrid|semantic|keyword", defaultValue = "hybrid",
				converter = Converters.Mode.class,
				description = "hybrid: by words and meaning, fused (default); semantic: by meaning only; keyword: by"
						+ " words only, without the model")
		SearchMode mode = SearchMode.HYBRID;

	}

	@Command(name = "serve", description = "serve the query API (GET /search, POST /embed) and health probes over"
			+ " HTTP without the scheduler, e.g. beside a sync CronJob; needs EMBEDDINGS_SEARCH_TOKEN")
	static final class Serve extends ParsedCommand {

		@Override
		ApplicationStarter.Mode mode() {
			return ApplicationStarter.Mode.SERVE;
		}

	}

	@Command(name = "status", description = "at a glance: coverage, pending events and the oldest one's wait, stale"
			+ " rows, the latest runs, the index")
	static final class Status extends ParsedCommand {

		@Option(names = "--exact", arity = "0..1", paramLabel = "true|false",
				description = "also count both tables exactly (row parity: reads every event and embedding)")
		boolean exact;

	}

	@Command(name = "index", description = "rebuild the vector index if it no longer fits its rows (runs do this"
			+ " after writing); never leaves the table without an index")
	static final class Index extends ParsedCommand {

		@Option(names = "--rebuild", arity = "1", paramLabel = "true|false",
				description = "rebuild it even if it fits")
		boolean rebuild;

	}

	@Command(name = "keyword-index", description = "give the embeddings written before keyword search existed their"
			+ " keywords: in slices, newest first, with progress; stop it at any moment, run it again to go on")
	static final class KeywordIndex extends ParsedCommand {

		@Option(names = "--slice", paramLabel = "IDS", defaultValue = "10000",
				description = "event ids per slice, one short transaction each (default ${DEFAULT-VALUE})")
		@Range(min = 100, max = 1_000_000)
		long slice;

		@Option(names = "--max-slices", paramLabel = "N", defaultValue = "9223372036854775807",
				description = "stop after N slices (the next run goes on from there); default: all of them")
		@Range(min = 1, max = Long.MAX_VALUE)
		long maxSlices;

		@Option(names = "--refill", arity = "1", paramLabel = "true|false",
				description = "compute every row's keywords again, e.g. after a change of the text search configuration")
		boolean refill;

	}

	@Command(name = "report", description = "(re)write the _reports/ files from the tables and the Batch metadata")
	static final class Report extends ParsedCommand {

	}

	/** Errors and executions: lists, newest first. */
	abstract static class Listing extends ParsedCommand {

		@Option(names = "--limit", paramLabel = "N", defaultValue = "20",
				description = "how many to list (default ${DEFAULT-VALUE})")
		@Range(min = 1, max = 10_000)
		int limit;

	}

	@Command(name = "errors", description = "list events that could not be embedded: why, attempts, next retry;"
			+ " --retry makes all of them due at the next run, with their attempts counted afresh")
	static final class Errors extends Listing {

		// An action, not a setting: given alone, as the console's button does it.
		@Option(names = "--retry", arity = "0..1", paramLabel = "true|false",
				description = "retry every failed event at the next run, out of attempts or not; prints how many")
		boolean retry;

	}

	@Command(name = "executions", description = "list recent job executions with status, counts, durations")
	static final class Executions extends Listing {

	}

	@Command(name = "demo-seed",
			description = "create the demo iot_events table if absent and insert N realistic events")
	static final class DemoSeed extends ParsedCommand {

		@Option(names = "--events", required = true, paramLabel = "N", description = "how many events to insert")
		@Range(min = 0, max = 10_000_000)
		int events;

		@Option(names = "--seed", paramLabel = "N",
				description = "the random generator's seed, for the same devices, types and payloads on every run"
						+ " (benchmarks); default: a new one each time")
		@Nullable Long seed;

	}

}
