package io.github.iotembeddings.job;

import java.util.List;
import java.util.Map;

import io.github.iotembeddings.support.CliRun;
import io.github.iotembeddings.support.TestDatabase;
import io.github.iotembeddings.support.TestDatabaseServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Odd event texts go through the whole job: read, embed, write. */
class OddEventTextIntegrationTests {

	@Test
	void nullEmptyHugeControlAndEmojiTextsAreAllEmbedded() {
		try (TestDatabase db = TestDatabaseServer.get().createDatabase("odd_texts")) {
			// given a text expression (set as users do, by variable) that yields each odd case
			db.createEventsTable();
			db.insertEvents(List.of(new String[] { "null", "t", "{}" }, new String[] { "empty", "t", "{}" },
					new String[] { "huge", "t", "{\"text\": \"" + "overheating ".repeat(8_600) + "\"}" },
					new String[] { "control", "t", "{\"text\": \"tab\\there\\r\\nbell\\u0007 esc\\u001b[31m\"}" },
					new String[] { "emoji", "t", "{\"text\": \"🔥🌡️ overheating 🚪🔋 مستشعر 温度\"}" }));
			Map<String, String> environment = new java.util.HashMap<>(db.environment());
			environment.put("EMBEDDINGS_JOB_TEXT_SQL",
					"case e.device_id when 'null' then null when 'empty' then '' else e.payload->>'text' end");
			assertThat(CliRun.run(environment, "migrate").exitCode()).isZero();
			assertThat(db.count("select length(payload->>'text') from public.iot_events where device_id = 'huge'"))
				.as("a 100 KB text").isGreaterThanOrEqualTo(100_000);

			// when
			CliRun sync = CliRun.run(environment, "sync");

			// then
			assertThat(sync.exitCode()).as(sync.toString()).isZero();
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
	void textThatPostgresCannotHoldIsSkippedWithItsReasonAndRightToLeftIsEmbedded() {
		try (TestDatabase db = TestDatabaseServer.get().createDatabase("odd_nul")) {
			// given an expression producing a NUL character for one event (PostgreSQL text cannot hold
			// one, so the expression raises) and right-to-left text for another
			db.createEventsTable();
			db.insertEvents(List.of(new String[] { "nul", "t", "{}" }, new String[] { "rtl", "t", "{}" }));
			Map<String, String> environment = new java.util.HashMap<>(db.environment());
			// chr() of a value from the row, not of a constant: PostgreSQL folds constant subexpressions while
			// planning, even in a CASE branch a row does not take, which would fail every row alike.
			environment.put("EMBEDDINGS_JOB_TEXT_SQL", "case e.device_id when 'nul' then 'a' || chr(length(e.device_id) - 3)"
					+ " || 'b' else 'مستشعر الحرارة מד חום' end");
			assertThat(CliRun.run(environment, "migrate").exitCode()).isZero();

			// when
			CliRun sync = CliRun.run(environment, "sync");

			// then
			assertThat(sync.exitCode()).as(sync.toString()).isZero();
			assertThat(sync.out()).contains(" 1 events embedded").contains("1 skipped");
			assertThat(sync.err()).isEmpty();
			assertThat(db.jdbc().queryForObject("select message from event_embedding_errors", String.class))
				.contains("null character not permitted");
		}
	}

	@Test
	void idsNearTheTopOfBigintAndAnEmptyTableAreFine() {
		try (TestDatabase db = TestDatabaseServer.get().createDatabase("odd_ids")) {
			// given an empty events table
			db.createEventsTable();
			assertThat(CliRun.run(db.environment(), "migrate").exitCode()).isZero();

			// when there is nothing to embed, a sync is a success that says so
			CliRun empty = CliRun.run(db.environment(), "sync");
			assertThat(empty.exitCode()).as(empty.toString()).isZero();
			assertThat(empty.out()).contains(" 0 events embedded").contains("0 events, 0 embedded, 0 missing");

			// when ids sit just below 2^63
			db.jdbc().execute("""
					insert into public.iot_events (id, device_id, event_type, payload)
					select 9223372036854775807 - g, 'edge-' || g, 'battery_low', '{}'::jsonb from generate_series(0, 6) g""");
			CliRun sync = CliRun.run(db.environment(), "sync", "--chunk-size=3");

			// then all are embedded, keyset paging included
			assertThat(sync.exitCode()).as(sync.toString()).isZero();
			assertThat(db.missing()).isZero();
			assertThat(db.count("select count(*) from public.event_embeddings where event_id = 9223372036854775807")).isOne();
		}
	}

}
