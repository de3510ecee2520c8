package io.github.iotembeddings.sync;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.iotembeddings.run.PassResult;
import io.github.iotembeddings.schema.RowParity;
import io.github.iotembeddings.support.TestApplication;
import io.github.iotembeddings.support.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Changed, unchanged and deleted events, and a switch of model, across syncs. */
class ChangedEventsIntegrationTests {

	@Test
	void syncReembedsExactlyWhatChangedAndDropsWhatWasDeleted() throws Exception {
		try (TestApplication app = TestApplication.of("changed").start()) {
			// given six embedded events
			TestDatabase db = app.db();
			List<Long> ids = db.insertSimpleEvents(6);
			assertThat(app.sync().completed()).isTrue();
			app.bean(ChangeTriggers.class).install();
			Map<Long, String> before = rowsById(db);
			assertThat(db.jdbc().queryForList("select distinct model from public.event_embeddings", String.class))
				.containsExactly("all-MiniLM-L6-v2@256");

			// when (with the capture trigger on) one event's text changes and another is deleted
			long changed = ids.get(0);
			long deleted = ids.get(1);
			db.jdbc().update("update public.iot_events set payload = '{\"temp_c\": 99, \"message\": \"fire\"}' where id = ?",
					changed);
			db.jdbc().update("delete from public.iot_events where id = ?", deleted);
			PassResult sync = app.sync();

			// then only the changed one is re-embedded, the deleted one's row is gone, the rest untouched
			assertThat(sync.completed()).as(sync.failure()).isTrue();
			assertThat(sync.eventsWritten()).isOne();
			assertThat(app.bean(RowParity.class).count()).isEqualTo(new RowParity.Counts(5, 5, 0));
			Map<Long, String> after = rowsById(db);
			assertThat(after).doesNotContainKey(deleted);
			assertThat(after.get(changed)).isNotEqualTo(before.get(changed));
			for (long id : ids.subList(2, ids.size())) {
				assertThat(after.get(id)).as("event %d untouched", id).isEqualTo(before.get(id));
			}
		}
	}

	@Test
	void switchingModelReembedsEverythingWithoutMissingRows() throws Exception {
		try (TestApplication app = TestApplication.of("switch_model").start()) {
			// given events embedded by the default model at 256 tokens
			TestDatabase db = app.db();
			db.insertSimpleEvents(12);
			assertThat(app.sync().completed()).isTrue();

			try (TestApplication other = app.alongside().property("embeddings.model.max-length", "128").start()) {
				// when a partial run with another model configuration (a different token limit) stops half-way
				PassResult partial = other.backfill(5);

				// then no row is missing at any point, and the newest five have moved to the new model
				assertThat(partial.completed()).as(partial.failure()).isTrue();
				assertThat(db.missing()).isZero();
				assertThat(db.count("select count(*) from public.event_embeddings where model = 'all-MiniLM-L6-v2@128'"))
					.isEqualTo(5);
				assertThat(db.count("""
						select count(*) from public.event_embeddings where model = 'all-MiniLM-L6-v2@128'
						  and event_id in (select id from public.iot_events order by id desc limit 5)""")).isEqualTo(5);

				// and a sync with the new configuration finishes the switch
				PassResult sync = other.sync();
				assertThat(sync.completed()).as(sync.failure()).isTrue();
				assertThat(sync.eventsWritten()).isEqualTo(7);
				assertThat(db.jdbc().queryForList("select distinct model from public.event_embeddings", String.class))
					.containsExactly("all-MiniLM-L6-v2@128");
			}
		}
	}

	private static Map<Long, String> rowsById(TestDatabase db) {
		Map<Long, String> rows = new HashMap<>();
		db.jdbc().query("select event_id, created_at::text || '|' || text_hash || '|' || embedding::text as row"
				+ " from public.event_embeddings", rs -> {
					rows.put(rs.getLong("event_id"), rs.getString("row"));
				});
		return rows;
	}

}
