package io.github.iotembeddings.job;

import java.util.List;
import java.util.Map;

import io.github.iotembeddings.support.CliRun;
import io.github.iotembeddings.support.TestDatabase;
import io.github.iotembeddings.support.TestDatabaseServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Changed, unchanged and deleted events, and a switch of model, across syncs. */
class ChangedEventsIntegrationTests {

	@Test
	void syncReembedsExactlyWhatChangedAndDropsWhatWasDeleted() {
		try (TestDatabase db = TestDatabaseServer.get().createDatabase("changed")) {
			// given six embedded events
			db.createEventsTable();
			List<Long> ids = db.insertSimpleEvents(6);
			assertThat(CliRun.run(db.environment(), "migrate").exitCode()).isZero();
			assertThat(CliRun.run(db.environment(), "sync").exitCode()).isZero();
			Map<Long, String> before = rowsById(db);
			assertThat(db.jdbc().queryForList("select distinct model from public.event_embeddings", String.class))
				.containsExactly("all-MiniLM-L6-v2@256");

			// when one event's text changes and another is deleted
			long changed = ids.get(0);
			long deleted = ids.get(1);
			db.jdbc().update("update public.iot_events set payload = '{\"temp_c\": 99, \"message\": \"fire\"}' where id = ?",
					changed);
			db.jdbc().update("delete from public.iot_events where id = ?", deleted);
			CliRun sync = CliRun.run(db.environment(), "sync");

			// then only the changed one is re-embedded, the deleted one's row is gone, the rest untouched
			assertThat(sync.exitCode()).as(sync.toString()).isZero();
			assertThat(sync.out()).contains(" 1 events embedded").contains("5 events, 5 embedded, 0 missing");
			Map<Long, String> after = rowsById(db);
			assertThat(after).doesNotContainKey(deleted);
			assertThat(after.get(changed)).isNotEqualTo(before.get(changed));
			for (long id : ids.subList(2, ids.size())) {
				assertThat(after.get(id)).as("event %d untouched", id).isEqualTo(before.get(id));
			}
		}
	}

	@Test
	void switchingModelReembedsEverythingWithoutMissingRows() {
		try (TestDatabase db = TestDatabaseServer.get().createDatabase("switch_model")) {
			// given events embedded by the default model at 256 tokens
			db.createEventsTable();
			db.insertSimpleEvents(12);
			assertThat(CliRun.run(db.environment(), "migrate").exitCode()).isZero();
			assertThat(CliRun.run(db.environment(), "sync").exitCode()).isZero();

			// when a partial run with another model configuration (a different token limit) stops half-way
			CliRun partial = CliRun.run(db.environment(), "backfill", "--limit=5", "--max-length=128");

			// then no row is missing at any point, and the newest five have moved to the new model
			assertThat(partial.exitCode()).as(partial.toString()).isZero();
			assertThat(db.missing()).isZero();
			assertThat(db.count("select count(*) from public.event_embeddings where model = 'all-MiniLM-L6-v2@128'"))
				.isEqualTo(5);
			assertThat(db.count("""
					select count(*) from public.event_embeddings where model = 'all-MiniLM-L6-v2@128'
					  and event_id in (select id from public.iot_events order by id desc limit 5)""")).isEqualTo(5);

			// and a sync with the new configuration finishes the switch
			CliRun sync = CliRun.run(db.environment(), "sync", "--max-length=128");
			assertThat(sync.exitCode()).as(sync.toString()).isZero();
			assertThat(sync.out()).contains(" 7 events embedded");
			assertThat(db.jdbc().queryForList("select distinct model from public.event_embeddings", String.class))
				.containsExactly("all-MiniLM-L6-v2@128");
		}
	}

	private static Map<Long, String> rowsById(TestDatabase db) {
		Map<Long, String> rows = new java.util.HashMap<>();
		db.jdbc().query("select event_id, created_at::text || '|' || text_hash || '|' || embedding::text as row"
				+ " from public.event_embeddings", rs -> {
					rows.put(rs.getLong("event_id"), rs.getString("row"));
				});
		return rows;
	}

}
