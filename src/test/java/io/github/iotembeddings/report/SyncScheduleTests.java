package io.github.iotembeddings.report;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SyncScheduleTests {

	@Test
	void theScheduleIsSaidInWordsAndNeverNull() {
		Instant now = Instant.now();
		assertThat(new SyncSchedule.State(null, null, null, null, false, null).description()).startsWith("on demand");
		assertThat(new SyncSchedule.State("0 * * * * ?", "WAITING", now.plusSeconds(30), now, true, null).markdown())
			.startsWith("`schedule` (Quartz) on cron `0 * * * * ?`, a scheduler checked in 0 s ago, next fire ");
		assertThat(new SyncSchedule.State("0 * * * * ?", "WAITING", now.plusSeconds(30), now, true, null).description())
			.as("plain text for JSON and the console")
			.startsWith("schedule (Quartz) on cron 0 * * * * ?, a scheduler checked in 0 s ago, next fire ");
		assertThat(new SyncSchedule.State("0 * * * * ?", "PAUSED", null, now.minusSeconds(600), false, null).markdown())
			.isEqualTo("`schedule` (Quartz) on cron `0 * * * * ?`, paused, but no scheduler is running: the last check-in was "
					+ now.minusSeconds(600) + " (10 min ago)");
		assertThat(new SyncSchedule.State(null, null, null, null, false, "*/1 * * * *").markdown())
			.isEqualTo("`sync` run from outside the tool on `*/1 * * * *` (embeddings.sync.external-schedule, e.g. the"
					+ " CronJob's spec.schedule)");
	}

}
