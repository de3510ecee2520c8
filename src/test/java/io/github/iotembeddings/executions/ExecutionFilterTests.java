package io.github.iotembeddings.executions;

import java.time.LocalDate;
import java.util.Arrays;

import io.github.iotembeddings.run.PassRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExecutionFilterTests {

	@Test
	void blankIsNoneAndCaseDoesNotMatter() {
		assertThat(ExecutionFilter.of(null, "", " ", null)).isEqualTo(ExecutionFilter.NONE);
		assertThat(ExecutionFilter.NONE.isEmpty()).isTrue();
		assertThat(ExecutionFilter.of(" failed ", "Backfill", "2026-12-01", "2026-12-02"))
			.isEqualTo(new ExecutionFilter("FAILED", "backfill", LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 2)));
		assertThat(ExecutionFilter.of(null, null, "2026-12-01", "2026-12-01").isEmpty()).isFalse();
	}

	@Test
	void rejectsWhatNoExecutionCanMatchInOneLine() {
		assertThatThrownBy(() -> ExecutionFilter.of("broken", null, null, null)).isInstanceOf(InvalidFilterException.class)
			.hasMessage("status BROKEN is not a Batch status: use one of COMPLETED, STARTING, STARTED, STOPPING, STOPPED,"
					+ " FAILED, ABANDONED, UNKNOWN");
		assertThatThrownBy(() -> ExecutionFilter.of(null, "restart", null, null)).isInstanceOf(InvalidFilterException.class)
			.hasMessage("mode restart is not a mode: use one of backfill, sync, schedule, reconcile");
		assertThatThrownBy(() -> ExecutionFilter.of(null, null, "01/12/2026", null)).isInstanceOf(InvalidFilterException.class)
			.hasMessage("from 01/12/2026 is not a day: use yyyy-MM-dd, e.g. 2026-12-01");
		assertThatThrownBy(() -> ExecutionFilter.of(null, null, null, "2026-02-30")).isInstanceOf(InvalidFilterException.class)
			.hasMessageStartingWith("to 2026-02-30 is not a day");
		assertThatThrownBy(() -> ExecutionFilter.of(null, null, "2026-12-02", "2026-12-01"))
			.isInstanceOf(InvalidFilterException.class)
			.hasMessage("from 2026-12-02 is after to 2026-12-01: swap them");
		assertThat(new InvalidFilterException("x")).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void theModesAreThoseThePassesRecord() {
		assertThat(ExecutionFilter.MODES).containsExactlyInAnyOrderElementsOf(Arrays.stream(PassRequest.Mode.values())
			.filter(mode -> mode != PassRequest.Mode.RESTART)
			.map(PassRequest.Mode::recordedAs)
			.toList());
	}

}
