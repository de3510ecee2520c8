package io.github.iotembeddings.job;

import java.util.List;

import io.github.iotembeddings.run.PassResult;
import io.github.iotembeddings.support.CliRun;
import io.github.iotembeddings.support.TestApplication;
import io.github.iotembeddings.support.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retrying failed events at once, as the console's button and {@code errors --retry} do: events out of
 * attempts are tried again by the next run; and each error names the execution that failed on it.
 */
class RetryNowIntegrationTests {

	@Test
	void retryNowMakesFailedEventsDueEvenOutOfAttempts() throws Exception {
		// given a text expression that fails for two events, and one attempt each
		try (TestApplication app = TestApplication.of("retry_now")
			.variable("EMBEDDINGS_JOB_TEXT_SQL", "e.device_id || ' ' || (e.payload->>'n')::int")
			.variable("EMBEDDINGS_JOB_MAX_ATTEMPTS", "1")
			.start()) {
			TestDatabase db = app.db();
			List<Long> bad = db.insertEvents(List.<String[]>of(new String[] { "bad-1", "reading", "{\"n\": \"x\"}" },
					new String[] { "bad-2", "reading", "{\"n\": \"y\"}" }));
			db.insertEvents(List.<String[]>of(new String[] { "good", "reading", "{\"n\": 1}" }));
			PassResult first = app.sync();
			long failedIn = first.ran().orElseThrow().getId();
			EmbeddingErrors errors = app.bean(EmbeddingErrors.class);

			// then the errors name the execution that failed on them, newest event first
			assertThat(errors.failedIn(failedIn, 100)).extracting(EmbeddingErrors.ErrorEntry::eventId)
				.containsExactly(bad.get(1), bad.get(0));
			assertThat(errors.failedIn(failedIn, 1)).extracting(EmbeddingErrors.ErrorEntry::eventId)
				.containsExactly(bad.get(1));
			assertThat(errors.recent(10)).allMatch(EmbeddingErrors.ErrorEntry::givenUp);

			// when the cause is fixed, a sync leaves them: they are out of attempts
			db.jdbc().update("update public.iot_events set payload = '{\"n\": 2}' where id = any(?)",
					(Object) bad.toArray(Long[]::new));
			app.sync();
			assertThat(db.missing()).isEqualTo(2);

			// when one is retried now, then the next sync embeds it alone
			assertThat(errors.retryNow(List.of(bad.get(0), 999_999L))).isOne();
			assertThat(db.count("select attempts from event_embedding_errors where event_id = ?", bad.get(0))).isZero();
			PassResult second = app.sync();
			assertThat(second.eventsWritten()).isOne();
			assertThat(db.missing()).isOne();
			assertThat(errors.recent(10)).extracting(EmbeddingErrors.ErrorEntry::eventId).containsExactly(bad.get(1));

			// when all are retried, by the command line, then it says how many, and the next sync embeds them
			CliRun retry = CliRun.run(app.environment(), "errors", "--retry");
			assertThat(retry.exitCode()).as(retry.toString()).isZero();
			assertThat(retry.out()).startsWith("1 failed events will be retried at the next run");
			assertThat(app.sync().eventsWritten()).isOne();
			assertThat(db.missing()).isZero();
			assertThat(errors.recent(10)).isEmpty();
			assertThat(errors.retryNow(null)).isZero();
			assertThat(errors.failedIn(failedIn, 100)).isEmpty();
		}
	}

}
