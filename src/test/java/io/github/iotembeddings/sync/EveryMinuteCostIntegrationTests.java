package io.github.iotembeddings.sync;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.iotembeddings.support.CliRun;
import io.github.iotembeddings.support.TestDatabase;
import io.github.iotembeddings.support.TestDatabaseServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing on the every-minute path reads a whole table: a sync with nothing to do, a sync of a few new
 * events, {@code status} and the metrics refresh run against 60,000 embedded events, and PostgreSQL's own
 * counters ({@code pg_stat_user_tables.seq_scan}) must not move for {@code iot_events} or
 * {@code event_embeddings}. A query that regresses to a scan of either table fails this test, at any table
 * size the planner would scan; the late-commit window is small here so that it stays a sliver of the table,
 * as the default's 10,000 ids are of a real one.
 */
class EveryMinuteCostIntegrationTests {

	private static final int EVENTS = 60_000;

	@Test
	void syncStatusAndMetricsReadNoTableWhole() throws Exception {
		try (TestDatabase db = TestDatabaseServer.get().createMigratedDatabase("every_minute")) {
			// given 60,000 events, all embedded (a real backfill of a few, the rest copied as the tool would
			// store them), a watermark and a full check behind them
			Map<String, String> environment = new LinkedHashMap<>(db.environment());
			environment.put("EMBEDDINGS_SYNC_LATE_COMMIT_WINDOW", "100");
			embedAll(db, environment);
			Map<String, Long> before = sequentialScans(db);

			// when the every-minute commands run: a sync with nothing to do, five new events and their sync,
			// status (the metrics refresh's query among it), each checked on its own
			CliRun idle = CliRun.run(environment, "sync");
			Map<String, Long> afterIdle = sequentialScans(db);
			db.insertSimpleEvents(5);
			CliRun five = CliRun.run(environment, "sync");
			Map<String, Long> afterFive = sequentialScans(db);
			CliRun status = CliRun.run(environment, "status");
			Map<String, Long> afterStatus = sequentialScans(db);

			// then they did their work, and neither table was read whole by any of them
			assertThat(idle.out()).as(idle.toString()).contains("nothing to do");
			assertThat(five.out()).as(five.toString()).contains("5 events embedded").contains("about");
			assertThat(status.exitCode()).as(status.toString()).isZero();
			assertThat(db.missing()).isZero();
			assertThat(afterIdle).as("sequential scans by a sync with nothing to do").isEqualTo(before);
			assertThat(afterFive).as("sequential scans by a sync of five new events").isEqualTo(afterIdle);
			assertThat(afterStatus).as("sequential scans by status").isEqualTo(afterFive);
		}
	}

	/**
	 * @return {@code seq_scan} of both tables, once every session of the commands has ended (a session
	 * hands its counters to the shared statistics when it ends)
	 */
	private static Map<String, Long> sequentialScans(TestDatabase db) {
		Map<String, Long> scans = new LinkedHashMap<>();
		db.jdbc().query("""
				select pg_stat_clear_snapshot(), relname, seq_scan from pg_stat_user_tables
				where schemaname = 'public' and relname in ('iot_events', 'event_embeddings') order by relname""",
				rs -> {
					scans.put(rs.getString("relname"), rs.getLong("seq_scan"));
				});
		return scans;
	}

	private static void embedAll(TestDatabase db, Map<String, String> environment) {
		db.jdbc().update("""
				insert into public.iot_events (device_id, event_type, payload)
				select 'dev-' || (g % 500), (array['temperature','door_open','motion','battery_low'])[1 + g % 4],
				       jsonb_build_object('value', g % 1000, 'room', 'room-' || (g % 97))
				from generate_series(1, ?) g order by g""", EVENTS);
		// The newest event embedded by the model: its vector, model id and the text function are the tool's.
		assertThat(CliRun.run(environment, "backfill", "--limit=1").exitCode()).isZero();
		db.jdbc().execute("""
				insert into public.event_embeddings (event_id, embedding, model, text_hash)
				select e.id, s.embedding, s.model, md5(coalesce(embeddings.iot_embeddings_event_text(e), ''))
				from public.iot_events e, (select embedding, model from public.event_embeddings limit 1) s
				where not exists (select 1 from public.event_embeddings x where x.event_id = e.id)""");
		// Statistics as autovacuum keeps them on a live database (a minute after a bulk load, it has analyzed).
		db.jdbc().execute("analyze public.iot_events");
		db.jdbc().execute("analyze public.event_embeddings");
		// The first sync of all checks every event (the full check, by design O(table), once), and the vector
		// index is built for these rows (the specified one, made on an empty table, is rebuilt after the first
		// run that writes: also O(table), once).
		CliRun first = CliRun.run(environment, "sync");
		assertThat(first.exitCode()).as(first.toString()).isZero();
		CliRun index = CliRun.run(environment, "index");
		assertThat(index.exitCode()).as(index.toString()).isZero();
	}

}
