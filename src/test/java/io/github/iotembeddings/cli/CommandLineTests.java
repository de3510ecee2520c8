package io.github.iotembeddings.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.github.iotembeddings.events.Partition;
import io.github.iotembeddings.search.SearchMode;
import io.github.iotembeddings.support.CliRun;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParameterException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class CommandLineTests {

	@Test
	void parsesOptionsInBothFormsAndArguments() {
		BackfillCommand backfill = (BackfillCommand) parse("backfill", "--limit=500", "--chunk-size", "32");
		RestartCommand restart = (RestartCommand) parse("RESTART", "17");

		assertThat(backfill.limit).isEqualTo(500);
		assertThat(backfill.properties()).containsExactly(Map.entry("embeddings.job.chunk-size", 32));
		assertThat(restart.executionId).isEqualTo(17);
		assertThat(restart.name()).isEqualTo("restart");
	}

	@Test
	void optionsThatConfigureTheApplicationBecomeItsProperties() {
		ParsedCommand schedule = parse("schedule", "--cron=0/5 * * * * ?", "--model", "models/x", "--quantized=true",
				"--max-length=128");

		assertThat(schedule.properties()).containsOnly(Map.entry("embeddings.schedule.cron", "0/5 * * * * ?"),
				Map.entry("embeddings.model.dir", "models/x"), Map.entry("embeddings.model.quantized", true),
				Map.entry("embeddings.model.max-length", 128));
		assertThat(parse("sync").properties()).isEmpty();
	}

	@Test
	void rejectsWhatTheContractDoesNotAllow() {
		assertThat(error("embed")).isEqualTo("unknown command 'embed'");
		assertThat(error("sync", "--limit=3")).isEqualTo("sync: unknown option: '--limit=3'");
		assertThat(error("sync", "--chunk-size")).contains("--chunk-size").contains("missing required parameter");
		assertThat(error("restart")).isEqualTo("restart: missing required parameter: 'EXECUTION_ID'");
		assertThat(error("restart", "1", "2")).isEqualTo("restart: unmatched argument at index 2: '2'");
		assertThat(error("backfill")).isEqualTo("backfill: missing required option: '--limit=N'");
		assertThat(error("backfill", "--limit=99999999999")).contains("--limit must be between 1 and 2147483647");
		assertThat(error("restart", "abc")).contains("EXECUTION_ID").contains("'abc' is not a whole number");
		assertThat(error("restart", "0")).isEqualTo("restart: EXECUTION_ID must be between 1 and 9223372036854775807, not 0");
		assertThat(error("sync", "--chunk-size=99999999999")).contains("--chunk-size").contains("out of range");
		assertThat(error("demo-seed", "--events=010000001")).contains("--events must be between 0 and 10000000");
		assertThat(error("schedule", "--cron=* * * * *")).contains("is not a Quartz cron expression");
	}

	@Test
	void stopAndAbandonTakeAnExecutionIdAndErrorsTakeRetry() {
		assertThat(((StopCommand) parse("stop", "42")).executionId).isEqualTo(42);
		assertThat(((AbandonCommand) parse("ABANDON", "7")).executionId).isEqualTo(7);
		assertThat(parse("abandon", "7").name()).isEqualTo("abandon");
		assertThat(((ErrorsCommand) parse("errors", "--retry")).retry).isTrue();
		assertThat(((ErrorsCommand) parse("errors", "--retry=true")).retry).isTrue();
		assertThat(((ErrorsCommand) parse("errors")).retry).isFalse();

		assertThat(error("stop")).isEqualTo("stop: missing required parameter: 'EXECUTION_ID'");
		assertThat(error("abandon", "0")).isEqualTo("abandon: EXECUTION_ID must be between 1 and 9223372036854775807, not 0");
		assertThat(error("stop", "x")).contains("EXECUTION_ID").contains("'x' is not a whole number");
		assertThat(error("stop", "1", "--limit=2")).isEqualTo("stop: unknown option: '--limit=2'");
		assertThat(error("errors", "--retry=yes")).isEqualTo("errors: invalid value for option '--retry': 'yes' is not a boolean");
		assertThat(cli("--help").out()).contains("stop ", "abandon ");
	}

	@Test
	void aSearchTakesItsTextTimesAndFiltersAsWritten() {
		SearchCommand search = (SearchCommand) parse("search", "server room too hot", "--limit=5", "--since=2026-12-01",
				"--until=2026-12-02T06:00:00+01:00", "--where", "device_id=thermo-9", "--where", "payload={\"room\": \"a=b\"}");
		assertThat(search.text).isEqualTo("server room too hot");
		assertThat(search.limit).isEqualTo(5);
		assertThat(search.since).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
		assertThat(search.until).isEqualTo(Instant.parse("2026-12-02T05:00:00Z"));
		assertThat(search.where).containsExactly(Map.entry("device_id", "thermo-9"), Map.entry("payload", "{\"room\": \"a=b\"}"));
		Instant before = Instant.now();
		assertThat(((SearchCommand) parse("search", "x", "--since=24h")).since).isBetween(
				before.minus(Duration.ofHours(24)).minusSeconds(5), Instant.now().minus(Duration.ofHours(24)));
		assertThat(((SearchCommand) parse("search", "x")).limit).isEqualTo(10);

		assertThat(error("search")).isEqualTo("search: missing required parameter: 'TEXT'");
		assertThat(error("search", "x", "--since=yesterday")).contains("'yesterday' is not a time")
			.contains("an age such as 30m, 24h, 7d");
		assertThat(error("search", "x", "--where", "device_id")).contains("--where").contains("KEY=VALUE");
		assertThat(error("search", "x", "--limit=0")).contains("--limit must be between 1 and 1000");
	}

	@Test
	void aSearchIsHybridUnlessToldOtherwise() {
		assertThat(((SearchCommand) parse("search", "door-05 battery")).mode).isEqualTo(SearchMode.HYBRID);
		assertThat(((SearchCommand) parse("search", "door-05", "--mode=keyword")).mode).isEqualTo(SearchMode.KEYWORD);
		assertThat(((SearchCommand) parse("search", "x", "--mode", "Semantic")).mode).isEqualTo(SearchMode.SEMANTIC);
		assertThat(error("search", "x", "--mode=fuzzy")).contains("mode must be one of hybrid, semantic, keyword");
	}

	@Test
	void theKeywordFillGoesInSlices() {
		KeywordIndexCommand fill = (KeywordIndexCommand) parse("keyword-index");
		assertThat(fill.slice).isEqualTo(10_000);
		assertThat(fill.maxSlices).isEqualTo(Long.MAX_VALUE);
		assertThat(fill.refill).isFalse();
		assertThat(((KeywordIndexCommand) parse("keyword-index", "--max-slices=3", "--refill=true")).maxSlices).isEqualTo(3);
		assertThat(error("keyword-index", "--slice=10")).contains("--slice must be between 100 and 1000000");
	}

	@Test
	void listsShowTwentyByDefault() {
		assertThat(((ExecutionsCommand) parse("executions")).limit).isEqualTo(20);
		assertThat(((ErrorsCommand) parse("errors", "--limit", "5")).limit).isEqualTo(5);
	}

	@Test
	void aPartitionComesFromTheOptionOrFromTheIndexedJobsIndex() {
		assertThat(parse("sync", "--partition=2/5").partition(Map.of())).isEqualTo(new Partition(2, 5));
		assertThat(parse("backfill", "--limit=9", "--partitions=4").partition(Map.of("JOB_COMPLETION_INDEX", "3")))
			.isEqualTo(new Partition(3, 4));
		assertThat(parse("sync").partition(Map.of("JOB_COMPLETION_INDEX", "3")))
			.as("the index alone does not partition a run").isEqualTo(Partition.WHOLE);
		assertThatThrownBy(() -> parse("sync", "--partitions=4").partition(Map.of()))
			.hasMessageContaining("JOB_COMPLETION_INDEX").hasMessageContaining("is not set");
		assertThatThrownBy(() -> parse("sync", "--partitions=4").partition(Map.of("JOB_COMPLETION_INDEX", "4")))
			.hasMessageContaining("must be I/N");
		assertThatThrownBy(() -> parse("sync", "--partition=0/2", "--partitions=2").partition(Map.of()))
			.hasMessage("give --partition=I/N or --partitions=N, not both");
		assertThat(error("migrate", "--partition=0/2")).isEqualTo("migrate: unknown option: '--partition=0/2'");
	}

	@Test
	void booleanOptionsTakeTrueOrFalse() {
		assertThat(((IndexCommand) parse("index", "--rebuild=true")).rebuild).isTrue();
		assertThat(((IndexCommand) parse("index", "--rebuild", "false")).rebuild).isFalse();
		assertThat(error("index", "--rebuild=yes")).isEqualTo("index: invalid value for option '--rebuild': 'yes' is not a boolean");
		assertThat(error("index", "--rebuild")).contains("missing required parameter for option '--rebuild'");
	}

	@Test
	void helpListsTheCommandsAndEachCommandsOptions() {
		// when
		CliRun help = cli("--help");
		CliRun none = cli();
		CliRun backfill = cli("backfill", "--help");

		// then
		assertThat(help.exitCode()).isZero();
		assertThat(help.out()).contains("backfill ", "sync-test ", "restart ", "COMMAND --help");
		assertThat(none.exitCode()).isEqualTo(2);
		assertThat(none.out()).isEqualTo(help.out());
		assertThat(cli("help").out()).isEqualTo(help.out());
		assertThat(backfill.exitCode()).as("help needs no --limit").isZero();
		assertThat(backfill.out()).contains("--limit=N", "--partition=I/N", "--chunk-size=N", "--reports-dir=DIR");
		assertThat(cli("help", "backfill").out()).isEqualTo(backfill.out());
	}

	@Test
	void usageErrorsAreOneLineWithExitCode2() {
		CliRun output = cli("sync", "--limit=3");

		assertThat(output.exitCode()).isEqualTo(2);
		assertThat(output.out()).isEmpty();
		assertThat(output.err()).isEqualTo("error: sync: unknown option: '--limit=3' (see --help)" + System.lineSeparator());
	}

	@Test
	void scheduleAndServeServeHttpEveryOtherCommandRunsOnce() {
		assertThat(parse("schedule").mode()).isEqualTo(ApplicationStarter.Mode.SCHEDULE);
		assertThat(parse("serve").mode()).isEqualTo(ApplicationStarter.Mode.SERVE);
		assertThat(parse("sync").mode()).isEqualTo(ApplicationStarter.Mode.ONE_SHOT);
		assertThat(parse("status").mode()).isEqualTo(ApplicationStarter.Mode.ONE_SHOT);
	}

	@Test
	void eachCommandIsOneClassNamedAfterIt() {
		Commands.commandLine().getSubcommands().forEach((name, command) -> {
			if (!"help".equals(name)) {
				String camel = Stream.of(name.split("-"))
					.map(word -> Character.toUpperCase(word.charAt(0)) + word.substring(1))
					.collect(Collectors.joining());
				assertThat(command.getCommandSpec().userObject()).isInstanceOf(ParsedCommand.class)
					.extracting(object -> object.getClass().getSimpleName())
					.isEqualTo(camel + "Command");
			}
		});
	}

	@Test
	void structuredLogsAreAnOption() {
		assertThat(Cli.structuredLogFormat(null)).isNull();
		assertThat(Cli.structuredLogFormat("json")).isEqualTo("ecs");
		assertThatThrownBy(() -> Cli.structuredLogFormat("xml")).hasMessageContaining("use text, json, logstash or gelf");
	}

	private static ParsedCommand parse(String... args) {
		return Commands.command(Commands.commandLine().parseArgs(args));
	}

	private static String error(String... args) {
		return Failures.describe(catchThrowableOfType(ParameterException.class, () -> parse(args)));
	}

	private static CliRun cli(String... args) {
		return CliRun.run(Map.of(), args);
	}

}
