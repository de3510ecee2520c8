package io.github.iotembeddings.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.pgvector.PGvector;
import io.github.iotembeddings.model.EmbeddingModel;
import io.github.iotembeddings.model.EmbeddingStats;
import io.github.iotembeddings.executions.ExecutionHistory;
import io.github.iotembeddings.run.PassResult;
import io.github.iotembeddings.support.TestApplication;
import io.github.iotembeddings.support.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Each distinct text is embedded once: within a chunk, and across chunks and runs through the vectors
 * already stored for the same text and model; every row keeps its own hash and model.
 */
class DistinctTextsIntegrationTests {

	private static final String[][] TEXTS = { { "hall-1", "door_opened", "{\"door\": \"front\"}" },
			{ "boiler-2", "temperature_reading", "{\"temp_c\": 71}" }, { "cellar-3", "water_detected", "{\"level\": \"high\"}" } };

	@Test
	void identicalTextsAreEmbeddedOnceAndEveryRowGetsItsModelsVector() throws Exception {
		try (TestApplication app = TestApplication.of("distinct_texts").chunkSize(8).start()) {
			// given 24 events cycling through 3 texts: 3 chunks of 8, newest first
			TestDatabase db = app.db();
			db.insertEvents(cycle(24));
			EmbeddingModel model = app.bean(EmbeddingModel.class);
			EmbeddingStats before = model.stats();

			// when
			PassResult backfill = app.backfill(24);

			// then the model embedded the 3 texts once, in the first chunk; the rest of that chunk copied its
			// vectors, and the next two chunks copied the stored ones
			assertThat(backfill.completed()).as(backfill.failure()).isTrue();
			assertThat(backfill.eventsWritten()).isEqualTo(24);
			assertThat(model.stats().since(before).texts()).isEqualTo(3);
			assertThat(backfill.vectorSources()).isEqualTo(new VectorSources(3, 5, 16));
			assertThat(app.bean(ExecutionHistory.class).vectorSources(backfill.ran().orElseThrow().getId()))
				.isEqualTo(new VectorSources(3, 5, 16));
			assertEveryRowIsItsOwnTextsVector(db, model);
			// the copies are the very same vectors
			assertThat(db.count("select count(distinct embedding::text) from public.event_embeddings")).isEqualTo(3);
		}
	}

	@Test
	void aRunOverTextsAlreadyStoredCallsTheModelNotAtAll() throws Exception {
		try (TestApplication app = TestApplication.of("stored_texts").start()) {
			// given the 3 texts embedded once
			TestDatabase db = app.db();
			db.insertEvents(cycle(3));
			assertThat(app.sync().completed()).isTrue();
			EmbeddingModel model = app.bean(EmbeddingModel.class);
			EmbeddingStats before = model.stats();

			// when new events repeat them
			db.insertEvents(cycle(12));
			PassResult sync = app.sync();

			// then every vector is copied from the table: no model call
			assertThat(sync.completed()).as(sync.failure()).isTrue();
			assertThat(sync.eventsWritten()).isEqualTo(12);
			assertThat(sync.vectorSources()).isEqualTo(new VectorSources(0, 0, 12));
			EmbeddingStats spent = model.stats().since(before);
			assertThat(spent.texts()).isZero();
			assertThat(spent.calls()).isZero();
			assertEveryRowIsItsOwnTextsVector(db, model);
		}
	}

	@Test
	void anotherModelNeverCopiesTheOldModelsVectors() throws Exception {
		try (TestApplication app = TestApplication.of("other_model_texts").start()) {
			// given the 3 texts embedded by the default model at 256 tokens
			TestDatabase db = app.db();
			db.insertEvents(cycle(6));
			assertThat(app.sync().completed()).isTrue();

			try (TestApplication other = app.alongside().property("embeddings.model.max-length", "128").start()) {
				// when another model configuration embeds them
				EmbeddingModel model = other.bean(EmbeddingModel.class);
				EmbeddingStats before = model.stats();
				PassResult backfill = other.backfill(6);

				// then it computes each distinct text itself, and copies only its own vectors
				assertThat(backfill.completed()).as(backfill.failure()).isTrue();
				assertThat(backfill.vectorSources()).isEqualTo(new VectorSources(3, 3, 0));
				assertThat(model.stats().since(before).texts()).isEqualTo(3);
				assertThat(db.jdbc().queryForList("select distinct model from public.event_embeddings", String.class))
					.containsExactly("all-MiniLM-L6-v2@128");
				assertEveryRowIsItsOwnTextsVector(db, model);
			}
		}
	}

	private static List<String[]> cycle(int count) {
		List<String[]> events = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			events.add(TEXTS[i % TEXTS.length]);
		}
		return events;
	}

	/** Each row: this model, the md5 of its own event's text, and the vector the model gives that text now. */
	private static void assertEveryRowIsItsOwnTextsVector(TestDatabase db, EmbeddingModel model) throws Exception {
		List<Map<String, Object>> rows = db.jdbc().queryForList("""
				select e.id, ee.model, ee.text_hash, ee.embedding::text as embedding, t.text,
				  md5(coalesce(t.text, '')) as own_hash
				from public.iot_events e join public.event_embeddings ee on ee.event_id = e.id
				cross join lateral (select embeddings.iot_embeddings_event_text(e) as text) t""");
		assertThat(rows).hasSize((int) db.count("select count(*) from public.iot_events"));
		for (Map<String, Object> row : rows) {
			assertThat(row.get("model")).as("model of event %s", row.get("id")).isEqualTo(model.id());
			assertThat(row.get("text_hash")).as("hash of event %s", row.get("id")).isEqualTo(row.get("own_hash"));
			float[] stored = new PGvector((String) row.get("embedding")).toArray();
			float[] fresh = model.embed(List.of((String) row.get("text")))[0];
			for (int i = 0; i < fresh.length; i++) {
				// The same model on the same text; a call batched with other texts may differ in the last bits.
				assertThat(stored[i]).as("event %s, dimension %d", row.get("id"), i).isCloseTo(fresh[i], within(1e-5f));
			}
		}
	}

}
