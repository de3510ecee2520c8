package io.github.iotembeddings.validate;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.github.iotembeddings.config.InvalidConfigurationException;
import io.github.iotembeddings.run.PassResult;
import io.github.iotembeddings.support.CliRun;
import io.github.iotembeddings.support.OnThread;
import io.github.iotembeddings.support.TestApplication;
import io.github.iotembeddings.support.TestDatabase;
import io.github.iotembeddings.support.TestDatabaseServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code sync-test} on an events table of the user's own shape (no device_id, event_type or payload;
 * NOT NULL columns without defaults; an identity id that may not be written), with a text expression
 * over those columns, on one database, in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SyncCheckIntegrationTests {

	private static final String EVENTS_DDL = """
			create table public.iot_events (
			  id bigint generated always as identity primary key,
			  sensor text not null, reading numeric not null, site_code text not null default 'x',
			  note text not null, created_at timestamptz not null default now())""";

	private static final String TEXT_SQL = "'sensor ' || e.sensor || ' reads ' || e.reading || ' ' || e.note";

	private static TestDatabase db;

	private static TestApplication app;

	@BeforeAll
	static void migrateTheUsersOwnTable() {
		db = TestDatabaseServer.get().createDatabase("sync_check");
		db.jdbc().execute(EVENTS_DDL);
		Map<String, String> environment = new HashMap<>(db.environment());
		environment.put("EMBEDDINGS_JOB_TEXT_SQL", TEXT_SQL);
		CliRun migrate = CliRun.run(environment, "migrate");
		assertThat(migrate.exitCode()).as(migrate.toString()).isZero();
		app = TestApplication.of("sync_check").on(db).variable("EMBEDDINGS_JOB_TEXT_SQL", TEXT_SQL).start();
	}

	@AfterAll
	static void dropTheDatabase() {
		if (app != null) {
			app.close();
		}
		if (db != null) {
			db.close();
		}
	}

	@Test
	@Order(1)
	void anEmptyTableHasNoEventToCopyAndSaysSo() {
		// when the table has no event yet
		assertThatThrownBy(() -> app.bean(SyncCheck.class).run(1, Duration.ofSeconds(1)))
			// then
			.isInstanceOf(InvalidConfigurationException.class)
			.hasMessageContaining("needs at least one event in public.iot_events")
			.hasMessageContaining("embeddings.sync-test.insert-sql")
			.hasMessageNotContaining("\n");
		assertThat(db.count("select count(*) from public.iot_events")).isZero();
	}

	@Test
	@Order(2)
	void markedEventsAreCopiesOfTheNewestEventEmbeddedAndThenDeleted() throws Exception {
		// given three embedded events, and every row inserted from now on recorded as it was inserted
		db.jdbc().execute("""
				insert into public.iot_events (sensor, reading, site_code, note) values
				  ('thermo-1', 21.5, 'lab', 'steady'), ('door-2', 0, 'hall', 'opened'),
				  ('pump-3', 88.4, 'plant', 'overheating')""");
		PassResult sync = app.sync();
		assertThat(sync.completed()).as(sync.failure()).isTrue();
		long newest = db.count("select max(id) from public.iot_events");
		List<String> events = db.jdbc().queryForList("select e::text from public.iot_events e order by id", String.class);
		List<String> embeddings = db.jdbc().queryForList(
				"select ee::text from public.event_embeddings ee order by event_id", String.class);
		recordInsertedEvents();

		// when sync-test runs while a sync keeps the table in sync
		List<SyncCheck.Sample> samples = syncTestWhileSyncing(app, 3);

		// then each marked event was embedded
		assertThat(samples).hasSize(3).allSatisfy(sample -> assertThat(sample.embedded()).isTrue());
		List<Long> markedIds = samples.stream().map(SyncCheck.Sample::eventId).toList();
		assertThat(markedIds).doesNotHaveDuplicates().allSatisfy(id -> assertThat(id).isGreaterThan(newest));

		// and each was a copy of the newest event, its own id and every other column alike
		assertThat(db.jdbc().queryForList("select id from public.inserted_events order by id", Long.class))
			.containsExactlyElementsOf(markedIds);
		assertThat(db.count("""
				select count(*) from public.inserted_events m, public.iot_events n where n.id = ?
				  and (m.sensor, m.reading, m.site_code, m.note, m.created_at)
				    = (n.sensor, n.reading, n.site_code, n.note, n.created_at)""", newest)).isEqualTo(3);

		// and afterwards the marked events and their embeddings are gone, every other row untouched
		assertThat(db.jdbc().queryForList("select e::text from public.iot_events e order by id", String.class))
			.isEqualTo(events);
		assertThat(db.jdbc().queryForList("select ee::text from public.event_embeddings ee order by event_id",
				String.class))
			.isEqualTo(embeddings);
	}

	@Test
	@Order(3)
	void aConfiguredInsertIsUsedInsteadOfACopy() throws Exception {
		// given an insert of the user's choosing, set as users do, by variable
		db.jdbc().execute("truncate public.inserted_events");
		List<String> events = db.jdbc().queryForList("select e::text from public.iot_events e order by id", String.class);
		try (TestApplication checker = app.alongside()
			.variable("EMBEDDINGS_SYNC_TEST_INSERT_SQL", "insert into public.iot_events (sensor, reading, note)"
					+ " values ('sync-check', 0, 'inserted by sync-test') returning id;")
			.start()) {

			// when
			List<SyncCheck.Sample> samples = syncTestWhileSyncing(checker, 2);

			// then its events were inserted, embedded and deleted
			assertThat(samples).hasSize(2).allSatisfy(sample -> assertThat(sample.embedded()).isTrue());
			assertThat(db.jdbc().queryForList("select id from public.inserted_events where sensor = 'sync-check'"
					+ " and site_code = 'x' order by id", Long.class))
				.containsExactlyElementsOf(samples.stream().map(SyncCheck.Sample::eventId).toList());
			assertThat(db.jdbc().queryForList("select e::text from public.iot_events e order by id", String.class))
				.isEqualTo(events);
			assertThat(db.missing()).isZero();
		}
	}

	/** Keeps a copy of every row inserted into iot_events, as it was inserted. */
	private static void recordInsertedEvents() {
		db.jdbc().execute("create table public.inserted_events (like public.iot_events)");
		db.jdbc().execute("""
				create function public.record_inserted_event() returns trigger language plpgsql as $$
				begin insert into public.inserted_events select (new).*; return null; end $$""");
		db.jdbc().execute("""
				create trigger record_inserted_event after insert on public.iot_events
				for each row execute function public.record_inserted_event()""");
	}

	/**
	 * Runs the sync check on a thread of its own while this one syncs, again and again, as a running
	 * scheduler would, until the check returns.
	 */
	private static List<SyncCheck.Sample> syncTestWhileSyncing(TestApplication checker, int samples) throws Exception {
		CompletableFuture<List<SyncCheck.Sample>> check = OnThread.start("sync-test",
				() -> checker.bean(SyncCheck.class).run(samples, Duration.ofSeconds(60)));
		while (!check.isDone()) {
			PassResult sync = app.sync();
			assertThat(sync.completed()).as(sync.failure()).isTrue();
			Thread.sleep(50);
		}
		return check.get();
	}

}
