package io.github.iotembeddings.job;

import java.util.List;

import io.github.iotembeddings.run.PassResult;
import io.github.iotembeddings.schema.RowParity;
import io.github.iotembeddings.support.TestApplication;
import io.github.iotembeddings.support.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Odd event texts go through the whole job: read, embed, write. */
class OddEventTextIntegrationTests {

	@Test
	void nullEmptyHugeControlAndEmojiTextsAreAllEmbedded() throws Exception {
		// given a text expression (set as users do, by variable) that yields each odd case
		try (TestApplication app = TestApplication.of("odd_texts")
			.variable("EMBEDDINGS_JOB_TEXT_SQL",
					"case e.device_id when 'null' then null when 'empty' then '' else e.payload->>'text' end")
			.start()) {
			TestDatabase db = app.db();
			db.insertEvents(List.of(new String[] { "null", "t", "{}" }, new String[] { "empty", "t", "{}" },
					new String[] { "huge", "t", "{\"text\": \"" + "overheating ".repeat(8_600) + "\"}" },
					new String[] { "control", "t", "{\"text\": \"tab\\there\\r\\nbell\\u0007 esc\\u001b[31m\"}" },
					new String[] { "emoji", "t", "{\"text\": \"🔥🌡️ overheating 🚪🔋 مستشعر 温度\"}" }));
			assertThat(db.count("select length(payload->>'text') from public.iot_events where device_id = 'huge'"))
				.as("a 100 KB text").isGreaterThanOrEqualTo(100_000);

			// when
			PassResult sync = app.sync();

			// then
			assertThat(sync.completed()).as(sync.failure()).isTrue();
			assertThat(db.missing()).isZero();
			List<Double> norms = db.jdbc().queryForList("select vector_norm(embedding) from public.event_embeddings",
					Double.class);
			assertThat(norms).hasSize(5).allSatisfy(norm -> assertThat(norm).isCloseTo(1.0, within(1e-5)));
			assertThat(db.jdbc().queryForObject("""
					select (a.embedding <=> b.embedding) from public.event_embeddings a, public.event_embeddings b,
					  public.iot_events ea, public.iot_events eb
					where ea.id = a.event_id and eb.id = b.event_id and ea.device_id = 'null' and eb.device_id = 'empty'""",
					Double.class))
				.as("NULL text is embedded as the empty text")
				.isCloseTo(0.0, within(1e-6));
		}
	}

	@Test
	void textThatPostgresCannotHoldIsSkippedWithItsReasonAndRightToLeftIsEmbedded() throws Exception {
		// given an expression producing a NUL character for one event (PostgreSQL text cannot hold
		// one, so the expression raises) and right-to-left text for another; chr() of a value from the
		// row, not of a constant: PostgreSQL folds constant subexpressions while planning, even in a CASE
		// branch a row does not take, which would fail every row alike
		try (TestApplication app = TestApplication.of("odd_nul")
			.variable("EMBEDDINGS_JOB_TEXT_SQL", "case e.device_id when 'nul' then 'a' || chr(length(e.device_id) - 3)"
					+ " || 'b' else 'مستشعر الحرارة מד חום' end")
			.start()) {
			TestDatabase db = app.db();
			db.insertEvents(List.of(new String[] { "nul", "t", "{}" }, new String[] { "rtl", "t", "{}" }));

			// when
			PassResult sync = app.sync();

			// then the run completes, with no failure to report
			assertThat(sync.completed()).as(sync.failure()).isTrue();
			assertThat(sync.eventsWritten()).isOne();
			assertThat(sync.eventsSkipped()).isOne();
			assertThat(sync.ran().orElseThrow().getAllFailureExceptions()).isEmpty();
			assertThat(db.jdbc().queryForObject("select message from event_embedding_errors", String.class))
				.contains("null character not permitted");
		}
	}

	@Test
	void idsNearTheTopOfBigintAndAnEmptyTableAreFine() throws Exception {
		// given an empty events table
		try (TestApplication app = TestApplication.of("odd_ids").start()) {
			TestDatabase db = app.db();

			// when there is nothing to embed, a sync is a success that says so, and launches no run
			PassResult empty = app.sync();
			assertThat(empty.completed()).as(empty.failure()).isTrue();
			assertThat(empty.outcome()).isEqualTo(PassResult.Outcome.NOTHING_TO_DO);
			assertThat(empty.ran()).isEmpty();
			assertThat(empty.eventsWritten()).isZero();
			assertThat(app.bean(RowParity.class).count()).isEqualTo(new RowParity.Counts(0, 0, 0));

			// when ids sit just below 2^63
			db.jdbc().execute("""
					insert into public.iot_events (id, device_id, event_type, payload)
					select 9223372036854775807 - g, 'edge-' || g, 'battery_low', '{}'::jsonb from generate_series(0, 6) g""");
			JobExecution job = app.startJob(3);

			// then all are embedded, keyset paging (pages of 3) included
			assertThat(job.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(db.missing()).isZero();
			assertThat(db.count("select count(*) from public.event_embeddings where event_id = 9223372036854775807")).isOne();
		}
	}

}
