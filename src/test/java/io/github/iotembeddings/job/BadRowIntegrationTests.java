package io.github.iotembeddings.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.iotembeddings.support.Await;
import io.github.iotembeddings.support.CliRun;
import io.github.iotembeddings.support.JarProcess;
import io.github.iotembeddings.support.TestDatabase;
import io.github.iotembeddings.support.TestDatabaseServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** One bad event is recorded and skipped; the rest of its chunk is embedded; a later run retries it. */
class BadRowIntegrationTests {

	@Test
	void textExpressionThatRaisesForOneEventIsRecordedAndRetriedOnceFixed() {
		try (TestDatabase db = TestDatabaseServer.get().createDatabase("bad_text")) {
			// given a text expression that casts a payload field, and one event whose field is no number
			db.createEventsTable();
			db.insertSimpleEvents(6);
			long bad = db.insertEvents(List.<String[]>of(new String[] { "bad", "reading", "{\"n\": \"not-a-number\"}" })).get(0);
			db.insertSimpleEvents(3);
			Map<String, String> environment = new HashMap<>(db.environment());
			environment.put("EMBEDDINGS_JOB_TEXT_SQL",
					"e.event_type || ' ' || e.device_id || ' ' || coalesce((e.payload->>'n')::int, 0)");
			environment.put("EMBEDDINGS_JOB_RETRY_BACKOFF", "0s");
			assertThat(CliRun.run(environment, "migrate").exitCode()).isZero();

			// when
			CliRun sync = CliRun.run(environment, "sync", "--chunk-size=4");

			// then the run completes, skipping that one event with its reason
			assertThat(sync.exitCode()).as(sync.toString()).isZero();
			assertThat(sync.out()).contains(" 9 events embedded").contains("1 skipped").contains("10 events, 9 embedded, 1 missing");
			assertThat(db.jdbc().queryForMap("select error_class, message, attempts from event_embedding_errors"
					+ " where event_id = ?", bad))
				.containsEntry("error_class", "TextExpressionFailed")
				.containsEntry("attempts", 1);
			assertThat(db.jdbc().queryForObject("select message from event_embedding_errors", String.class))
				.contains("invalid input syntax for type integer");
			assertThat(db.count("select sum(process_skip_count) from batch_step_execution")).isOne();
			CliRun errors = CliRun.run(environment, "errors");
			assertThat(errors.out()).contains(String.valueOf(bad)).contains("TextExpressionFailed");

			// when a later run finds the same problem, it counts the attempt
			assertThat(CliRun.run(environment, "sync").exitCode()).isZero();
			assertThat(db.count("select attempts from event_embedding_errors where event_id = ?", bad)).isEqualTo(2);

			// and once the cause is fixed, the next run embeds it and clears the error
			db.jdbc().update("update public.iot_events set payload = '{\"n\": 42}' where id = ?", bad);
			CliRun fixed = CliRun.run(environment, "sync");
			assertThat(fixed.exitCode()).as(fixed.toString()).isZero();
			assertThat(db.missing()).isZero();
			assertThat(db.count("select count(*) from event_embedding_errors")).isZero();
			assertThat(CliRun.run(environment, "errors").out()).contains("no errors");
		}
	}

	@Test
	void failingEventIsNotRetriedBeforeItsBackoffNorAfterItsLastAttempt() {
		try (TestDatabase db = TestDatabaseServer.get().createDatabase("backoff")) {
			// given an event whose text always fails, a long backoff and two attempts at most
			db.createEventsTable();
			long bad = db.insertEvents(List.<String[]>of(new String[] { "bad", "reading", "{\"n\": \"x\"}" })).get(0);
			Map<String, String> environment = new HashMap<>(db.environment());
			environment.put("EMBEDDINGS_JOB_TEXT_SQL", "e.device_id || (e.payload->>'n')::int");
			environment.put("EMBEDDINGS_JOB_MAX_ATTEMPTS", "2");
			assertThat(CliRun.run(environment, "migrate").exitCode()).isZero();
			assertThat(CliRun.run(environment, "sync").exitCode()).isZero();

			// when syncs follow at once, the event waits for its backoff (one minute by default)
			assertThat(CliRun.run(environment, "sync").exitCode()).isZero();
			assertThat(db.count("select attempts from event_embedding_errors where event_id = ?", bad)).isOne();

			// and once the backoff has passed it is tried again, then never more after its last attempt
			db.jdbc().update("update event_embedding_errors set next_attempt_at = now() - interval '1 second'");
			assertThat(CliRun.run(environment, "sync").exitCode()).isZero();
			db.jdbc().update("update event_embedding_errors set next_attempt_at = now() - interval '1 second'");
			assertThat(CliRun.run(environment, "sync").exitCode()).isZero();
			assertThat(db.count("select attempts from event_embedding_errors where event_id = ?", bad)).isEqualTo(2);
			assertThat(CliRun.run(environment, "errors").out()).contains("out of attempts");
		}
	}

	@Test
	void eventDeletedBetweenReadAndWriteIsRecordedAndTheRestEmbedded(@TempDir Path workingDir) throws Exception {
		try (TestDatabase db = TestDatabaseServer.get().createDatabase("deleted")) {
			// given ten events, one of which makes reading its page take two seconds
			db.createEventsTable();
			List<Long> ids = db.insertSimpleEvents(10);
			long slow = ids.get(9);
			long victim = ids.get(4);
			Map<String, String> environment = new HashMap<>(db.environment());
			environment.put("EMBEDDINGS_JOB_TEXT_SQL", "case when e.id = " + slow
					+ " then (select e.event_type || ' ' || e.device_id from pg_sleep(2)) else e.event_type || ' ' || e.device_id end");
			assertThat(CliRun.run(environment, "migrate").exitCode()).isZero();

			// when an event is deleted while its page is being read (the reader's query, not the progress
			// count, which evaluates the same texts on its own connection)
			Process sync = JarProcess.start(workingDir, environment, "sync", "--chunk-size=10");
			Await.until(Duration.ofSeconds(60), "the page read", () -> db.count("""
					select count(*) from pg_stat_activity where datname = current_database()
					  and wait_event = 'PgSleep' and query like '%ORDER BY id DESC LIMIT%'""") == 1);
			db.jdbc().update("delete from public.iot_events where id = ?", victim);

			// then the run completes, the others are embedded, and the deleted one is recorded
			assertThat(sync.waitFor(120, TimeUnit.SECONDS)).isTrue();
			assertThat(sync.exitValue()).as(Files.readString(workingDir.resolve(JarProcess.OUTPUT))).isZero();
			assertThat(db.missing()).isZero();
			assertThat(db.count("select count(*) from public.event_embeddings")).isEqualTo(9);
			assertThat(db.jdbc().queryForObject("select error_class from event_embedding_errors where event_id = ?",
					String.class, victim)).isEqualTo("EventDeleted");
		}
	}

}
