package io.github.iotembeddings.cli;

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

}
