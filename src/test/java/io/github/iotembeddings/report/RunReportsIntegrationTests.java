package io.github.iotembeddings.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.github.iotembeddings.config.ReportsProperties;
import io.github.iotembeddings.executions.ExecutionHistory;
import io.github.iotembeddings.executions.ExecutionSummary;
import io.github.iotembeddings.run.PassResult;
import io.github.iotembeddings.support.TestApplication;
import io.github.iotembeddings.support.TestDatabase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The run reports: backfills and syncs each in their own file, sampled ids, and the table's statistics. */
class RunReportsIntegrationTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void aSyncAfterABackfillGoesToTheSyncHistoryAndLeavesTheBackfillReportDescribingTheBackfill() throws Exception {
		try (TestApplication app = TestApplication.of("reports_history").chunkSize(8).start()) {
			// given a backfill of 20 of 30 events
			TestDatabase db = app.db();
			db.insertSimpleEvents(30);
			PassResult backfill = app.backfill(20);
			long backfillId = backfill.ran().orElseThrow().getId();

			// when a sync writes the other 10 and 3 new ones
			db.insertSimpleEvents(3);
			PassResult sync = app.sync();

			// then emb_backfill still describes the backfill, and only backfills
			assertThat(sync.eventsWritten()).isEqualTo(13);
			Path reports = app.bean(ReportsProperties.class).dir();
			JsonNode backfills = json.readTree(Files.readString(reports.resolve("emb_backfill.json")));
			assertThat(backfills.get("runs")).hasSize(1);
			JsonNode backfillRun = backfills.get("runs").get(0);
			assertThat(backfillRun.get("id").asLong()).isEqualTo(backfillId);
			assertThat(backfillRun.get("mode").asString()).isEqualTo("backfill");
			assertThat(backfillRun.get("written").asLong()).isEqualTo(20);
			assertThat(backfillRun.get("restartOf").isNull()).isTrue();
			assertThat(backfills.get("sampleMethod").asString()).contains("at random");
			assertThat(Files.readString(reports.resolve("emb_backfill.md"))).contains("| " + backfillId + " | - | backfill | 20 | 8 |")
				.doesNotContain("| sync |");
			// and the sync history has the sync, with where its vectors came from and the schedule in words
			JsonNode history = json.readTree(Files.readString(reports.resolve("emb_sync_history.json")));
			JsonNode syncRun = history.get("runs").get(0);
			assertThat(history.get("runs")).hasSize(1);
			assertThat(syncRun.get("id").asLong()).isEqualTo(sync.ran().orElseThrow().getId());
			assertThat(syncRun.get("mode").asString()).isEqualTo("sync");
			assertThat(syncRun.get("written").asLong()).isEqualTo(13);
			assertThat(syncRun.get("embeddedByModel").asLong() + syncRun.get("copiedWithinChunk").asLong()
					+ syncRun.get("copiedStored").asLong()).isEqualTo(13);
			assertThat(syncRun.get("durationSeconds").asDouble()).isPositive();
			assertThat(history.get("schedule").get("description").asString()).startsWith("on demand");
			assertThat(history.get("schedule").get("quartzCron").isNull()).isTrue();
			assertThat(Files.readString(reports.resolve("emb_sync_history.md"))).contains("Schedule: on demand")
				.contains("| " + syncRun.get("id").asLong() + " | - | sync |");
		}
	}

	@Test
	void withAfterRunsOffRunsWriteNoReportAndTheReportCommandStillDoes() throws Exception {
		try (TestApplication app = TestApplication.of("reports_off")
			.variable("EMBEDDINGS_REPORTS_AFTER_RUNS", "false")
			.start()) {
			app.db().insertSimpleEvents(3);

			// a backfill and a sync, each of which would rewrite its reports
			assertThat(app.backfill(2).completed()).isTrue();
			assertThat(app.sync().completed()).isTrue();

			// write none
			Path reports = app.bean(ReportsProperties.class).dir();
			assertThat(app.db().missing()).isZero();
			assertThat(reports.resolve("emb_backfill.json")).doesNotExist();
			assertThat(reports.resolve("emb_sync_history.json")).doesNotExist();
			assertThat(reports.resolve("emb_table_create.md")).doesNotExist();

			// while the reports, asked for, are written
			app.bean(Reports.class).write();
			assertThat(reports.resolve("emb_sync_history.json")).isNotEmptyFile();
		}
	}

	@Test
	void theExternalScheduleIsReportedWhenSet() throws Exception {
		try (TestApplication app = TestApplication.of("reports_external")
			.variable("EMBEDDINGS_SYNC_EXTERNAL_SCHEDULE", "*/5 * * * *")
			.start()) {
			app.db().insertSimpleEvents(2);

			app.sync();

			Path reports = app.bean(ReportsProperties.class).dir();
			JsonNode schedule = json.readTree(Files.readString(reports.resolve("emb_sync_history.json"))).get("schedule");
			assertThat(schedule.get("externalSchedule").asString()).isEqualTo("*/5 * * * *");
			assertThat(schedule.get("description").asString()).contains("sync run from outside the tool on */5 * * * *")
				.doesNotContain("on demand").doesNotContain("null");
		}
	}

	@Test
	void sampleIdsAreDrawnAtRandomFromTheRunsOwnRows() throws Exception {
		try (TestApplication app = TestApplication.of("reports_sample").chunkSize(4).start()) {
			// given two backfills: the newest 20 events, then the 40 before them, in chunks of 4
			List<Long> ids = app.db().insertSimpleEvents(60);
			app.backfill(20);
			app.backfill(40);
			ExecutionSummary second = app.bean(ExecutionHistory.class).latest(1).get(0);
			Set<Long> secondRows = new HashSet<>(ids.subList(0, 40));
			Set<Long> newestFive = Set.copyOf(ids.subList(35, 40));

			// when ids are drawn repeatedly
			RunSample sample = app.bean(RunSample.class);
			Set<Long> seen = new HashSet<>();
			boolean onlyTheNewest = true;
			for (int i = 0; i < 20; i++) {
				List<Long> drawn = sample.draw(second);

				// then each draw is 5 distinct rows of that run, never of the other
				assertThat(drawn).hasSize(RunSample.SIZE).doesNotHaveDuplicates().allMatch(secondRows::contains);
				seen.addAll(drawn);
				onlyTheNewest &= Set.copyOf(drawn).equals(newestFive);
			}
			// and over the draws, not always the newest five: many of the run's rows
			assertThat(onlyTheNewest).isFalse();
			assertThat(seen).hasSizeGreaterThan(RunSample.SIZE * 2);
		}
	}

	@Test
	void aRunWritingMoreThanTheShareAnalyzesTheTableAndASmallOneDoesNot() throws Exception {
		try (TestApplication app = TestApplication.of("reports_analyze").start()) {
			// given 20 events and an empty embeddings table
			TestDatabase db = app.db();
			db.insertSimpleEvents(20);
			String before = lastAnalyze(db);

			// when a backfill writes all 20 rows: more than a tenth of the table (empty before it)
			app.backfill(20);

			// then the after-run work analysed it, and the reports say when
			String analysed = lastAnalyze(db);
			assertThat(analysed).isNotNull().isNotEqualTo(before);
			Path reports = app.bean(ReportsProperties.class).dir();
			JsonNode statistics = json.readTree(Files.readString(reports.resolve("emb_backfill.json"))).get("tableStatistics");
			assertThat(statistics.get("analyzedBy").asString()).isEqualTo("analyze");
			assertThat(statistics.get("lastAnalyzedAt").asString()).isNotBlank();
			assertThat(statistics.get("rowEstimate").asLong()).isEqualTo(20);
			assertThat(Files.readString(reports.resolve("emb_table_create.md"))).contains("| statistics | last analysed ");

			// when a sync writes 1 row of 21: less than a tenth
			db.insertSimpleEvents(1);
			assertThat(app.sync().eventsWritten()).isOne();

			// then the statistics were left to autovacuum
			assertThat(lastAnalyze(db)).isEqualTo(analysed);
		}
	}

	private static String lastAnalyze(TestDatabase db) {
		return db.jdbc().queryForObject("""
				select last_analyze::text from pg_stat_user_tables where relid = 'public.event_embeddings'::regclass""",
				String.class);
	}

}
