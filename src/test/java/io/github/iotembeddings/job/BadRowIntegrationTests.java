package io.github.iotembeddings.job;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.iotembeddings.run.PassResult;
import io.github.iotembeddings.schema.RowParity;
import io.github.iotembeddings.support.Await;
import io.github.iotembeddings.support.CliRun;
import io.github.iotembeddings.support.OnThread;
import io.github.iotembeddings.support.TestApplication;
import io.github.iotembeddings.support.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** One bad event is recorded and skipped; the rest of its chunk is embedded; a later run retries it. */
class BadRowIntegrationTests {

	@Test
	void textExpressionThatRaisesForOneEventIsRecordedAndRetriedOnceFixed() throws Exception {
		// given a text expression that casts a payload field, and one event whose field is no number
		try (TestApplication app = TestApplication.of("bad_text")
			.chunkSize(4)
			.variable("EMBEDDINGS_JOB_TEXT_SQL",
					"e.event_type || ' ' || e.device_id || ' ' || coalesce((e.payload->>'n')::int, 0)")
			.variable("EMBEDDINGS_JOB_RETRY_BACKOFF", "0s")
			.start()) {
			TestDatabase db = app.db();
			db.insertSimpleEvents(6);
			long bad = db.insertEvents(List.<String[]>of(new String[] { "bad", "reading", "{\"n\": \"not-a-number\"}" })).get(0);
			db.insertSimpleEvents(3);

			// when
			PassResult sync = app.sync();

			// then the run completes, skipping that one event with its reason
			assertThat(sync.completed()).as(sync.failure()).isTrue();
			assertThat(sync.eventsWritten()).isEqualTo(9);
			assertThat(sync.eventsSkipped()).isOne();
			assertThat(app.bean(RowParity.class).count()).isEqualTo(new RowParity.Counts(10, 9, 1));
			assertThat(db.jdbc().queryForMap("select error_class, message, attempts from event_embedding_errors"
					+ " where event_id = ?", bad))
				.containsEntry("error_class", "TextExpressionFailed")
				.containsEntry("attempts", 1);
			assertThat(db.jdbc().queryForObject("select message from event_embedding_errors", String.class))
				.contains("invalid input syntax for type integer");
			assertThat(db.count("select sum(process_skip_count) from batch_step_execution")).isOne();
			CliRun errors = CliRun.run(app.environment(), "errors");
			assertThat(errors.out()).contains(String.valueOf(bad)).contains("TextExpressionFailed");

			// when a later run finds the same problem, it counts the attempt
			assertThat(app.sync().completed()).isTrue();
			assertThat(db.count("select attempts from event_embedding_errors where event_id = ?", bad)).isEqualTo(2);

			// and once the cause is fixed, the next run embeds it and clears the error
			db.jdbc().update("update public.iot_events set payload = '{\"n\": 42}' where id = ?", bad);
			PassResult fixed = app.sync();
			assertThat(fixed.completed()).as(fixed.failure()).isTrue();
			assertThat(db.missing()).isZero();
			assertThat(db.count("select count(*) from event_embedding_errors")).isZero();
			assertThat(CliRun.run(app.environment(), "errors").out()).contains("no errors");
		}
	}

	@Test
	void failingEventIsNotRetriedBeforeItsBackoffNorAfterItsLastAttempt() throws Exception {
		// given an event whose text always fails, a long backoff and two attempts at most
		try (TestApplication app = TestApplication.of("backoff")
			.variable("EMBEDDINGS_JOB_TEXT_SQL", "e.device_id || (e.payload->>'n')::int")
			.variable("EMBEDDINGS_JOB_MAX_ATTEMPTS", "2")
			.start()) {
			TestDatabase db = app.db();
			long bad = db.insertEvents(List.<String[]>of(new String[] { "bad", "reading", "{\"n\": \"x\"}" })).get(0);
			assertThat(app.sync().completed()).isTrue();

			// when syncs follow at once, the event waits for its backoff (one minute by default)
			assertThat(app.sync().completed()).isTrue();
			assertThat(db.count("select attempts from event_embedding_errors where event_id = ?", bad)).isOne();

			// and once the backoff has passed it is tried again, then never more after its last attempt
			db.jdbc().update("update event_embedding_errors set next_attempt_at = now() - interval '1 second'");
			assertThat(app.sync().completed()).isTrue();
			db.jdbc().update("update event_embedding_errors set next_attempt_at = now() - interval '1 second'");
			assertThat(app.sync().completed()).isTrue();
			assertThat(db.count("select attempts from event_embedding_errors where event_id = ?", bad)).isEqualTo(2);
			assertThat(CliRun.run(app.environment(), "errors").out()).contains("out of attempts");
		}
	}

	@Test
	void eventDeletedBetweenReadAndWriteIsRecordedAndTheRestEmbedded() throws Exception {
		// given ten events, the newest of which (sensor-10) makes reading its page take two seconds
		try (TestApplication app = TestApplication.of("deleted")
			.chunkSize(10)
			.variable("EMBEDDINGS_JOB_TEXT_SQL", "case when e.device_id = 'sensor-10'"
					+ " then (select e.event_type || ' ' || e.device_id from pg_sleep(2)) else e.event_type || ' ' || e.device_id end")
			.start()) {
			TestDatabase db = app.db();
			List<Long> ids = db.insertSimpleEvents(10);
			long victim = ids.get(4);

			// when an event is deleted while its page is being read (the reader's query, not the progress
			// count, which evaluates the same texts on its own connection), the pass running on a thread
			CompletableFuture<PassResult> sync = OnThread.start("sync", app::sync);
			Await.until(Duration.ofSeconds(60), "the page read", () -> db.count("""
					select count(*) from pg_stat_activity where datname = current_database()
					  and wait_event = 'PgSleep' and query like '%cross join lateral%order by e.id desc limit%'""") == 1);
			db.jdbc().update("delete from public.iot_events where id = ?", victim);

			// then the run completes, the others are embedded, and the deleted one is recorded
			PassResult result = sync.get(120, TimeUnit.SECONDS);
			assertThat(result.completed()).as(result.failure()).isTrue();
			assertThat(db.missing()).isZero();
			assertThat(db.count("select count(*) from public.event_embeddings")).isEqualTo(9);
			assertThat(db.jdbc().queryForObject("select error_class from event_embedding_errors where event_id = ?",
					String.class, victim)).isEqualTo("EventDeleted");
		}
	}

}
