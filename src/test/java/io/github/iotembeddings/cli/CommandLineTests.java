package io.github.iotembeddings.cli;

import java.util.Map;

import io.github.iotembeddings.job.Partition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandLineTests {

	@Test
	void parsesOptionsInBothFormsAndArguments() {
		CommandLine backfill = CommandLine.parse(new String[] { "backfill", "--limit=500", "--chunk-size", "32" });
		CommandLine restart = CommandLine.parse(new String[] { "restart", "17" });

		assertThat(backfill.command()).isEqualTo(Command.BACKFILL);
		assertThat(backfill.backfillLimit()).isEqualTo(500);
		assertThat(backfill.options()).containsEntry("chunk-size", "32");
		assertThat(restart.executionId()).isEqualTo(17);
	}

	@Test
	void rejectsWhatTheContractDoesNotAllow() {
		assertThatThrownBy(() -> CommandLine.parse(new String[] { "embed" })).hasMessage("unknown command 'embed'");
		assertThatThrownBy(() -> CommandLine.parse(new String[] { "sync", "--limit=3" }))
			.hasMessage("unknown option --limit for sync");
		assertThatThrownBy(() -> CommandLine.parse(new String[] { "sync", "--chunk-size" }))
			.hasMessageContaining("needs a value");
		assertThatThrownBy(() -> CommandLine.parse(new String[] { "restart", "1", "2" }))
			.hasMessage("restart takes 1 argument, got 2");
		assertThatThrownBy(() -> CommandLine.parse(new String[] { "backfill" }).validate())
			.hasMessage("backfill needs --limit=N");
		assertThatThrownBy(() -> CommandLine.parse(new String[] { "backfill", "--limit=99999999999" }).validate())
			.hasMessageContaining("between 1 and 2147483647");
		assertThatThrownBy(() -> CommandLine.parse(new String[] { "restart", "abc" }).validate())
			.hasMessage("EXECUTION_ID must be a whole number, not 'abc'");
		assertThatThrownBy(() -> CommandLine.parse(new String[] { "sync", "--max-length=4" }).validate())
			.hasMessageContaining("--max-length must be between 8 and 8192");
	}

	@Test
	void executionsListsTwentyByDefault() {
		assertThat(CommandLine.parse(new String[] { "executions" }).executionsToList()).isEqualTo(20);
	}

	@Test
	void aPartitionComesFromTheOptionOrFromTheIndexedJobsIndex() {
		assertThat(CommandLine.parse(new String[] { "sync", "--partition=2/5" }).partition(Map.of()))
			.isEqualTo(new Partition(2, 5));
		assertThat(CommandLine.parse(new String[] { "backfill", "--limit=9", "--partitions=4" })
			.partition(Map.of("JOB_COMPLETION_INDEX", "3"))).isEqualTo(new Partition(3, 4));
		assertThat(CommandLine.parse(new String[] { "sync" }).partition(Map.of("JOB_COMPLETION_INDEX", "3")))
			.as("the index alone does not partition a run").isEqualTo(Partition.WHOLE);
		assertThatThrownBy(() -> CommandLine.parse(new String[] { "sync", "--partitions=4" }).partition(Map.of()))
			.hasMessageContaining("JOB_COMPLETION_INDEX").hasMessageContaining("is not set");
		assertThatThrownBy(() -> CommandLine.parse(new String[] { "sync", "--partitions=4" })
			.partition(Map.of("JOB_COMPLETION_INDEX", "4"))).hasMessageContaining("must be I/N");
		assertThatThrownBy(() -> CommandLine.parse(new String[] { "sync", "--partition=0/2", "--partitions=2" })
			.partition(Map.of())).hasMessage("give --partition=I/N or --partitions=N, not both");
		assertThatThrownBy(() -> CommandLine.parse(new String[] { "migrate", "--partition=0/2" }))
			.hasMessage("unknown option --partition for migrate");
	}

	@Test
	void booleanOptionsTakeTrueOrFalse() {
		assertThat(CommandLine.parse(new String[] { "index", "--rebuild=true" }).rebuildIndex()).isTrue();
		assertThatThrownBy(() -> CommandLine.parse(new String[] { "index", "--rebuild=yes" }).validate())
			.hasMessage("--rebuild takes true or false, got 'yes'");
	}

	@Test
	void structuredLogsAreAnOption() {
		assertThat(Cli.structuredLogFormat(null)).isNull();
		assertThat(Cli.structuredLogFormat("json")).isEqualTo("ecs");
		assertThatThrownBy(() -> Cli.structuredLogFormat("xml")).hasMessageContaining("use text, json, logstash or gelf");
	}

}
