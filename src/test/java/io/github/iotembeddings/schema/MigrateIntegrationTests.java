package io.github.iotembeddings.schema;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.iotembeddings.support.Await;
import io.github.iotembeddings.support.CliRun;
import io.github.iotembeddings.support.TestDatabase;
import io.github.iotembeddings.support.TestDatabaseServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code migrate} against a real PostgreSQL with pgvector. */
class MigrateIntegrationTests {

	@Test
	void migrateCreatesTheSpecifiedSchemaAndIsIdempotent() {
		try (TestDatabase db = TestDatabaseServer.get().createDatabase("migrate_empty")) {
			// given an events table and nothing else
			db.createEventsTable();

			// when
			CliRun first = CliRun.run(db.environment(), "migrate");
			CliRun second = CliRun.run(db.environment(), "migrate");

			// then
			assertThat(first.exitCode()).as(first.toString()).isZero();
			assertThat(first.out()).contains("28 changesets applied, 0 already applied");
			assertThat(second.exitCode()).as(second.toString()).isZero();
			assertThat(second.out()).contains("0 changesets applied, 28 already applied");
			assertSpecifiedSchema(db);
			assertThat(db.count("select count(*) from pg_tables where schemaname = 'embeddings' and tablename in ('batch_job_instance',"
					+ " 'batch_job_execution', 'batch_step_execution', 'qrtz_job_details', 'qrtz_triggers', 'qrtz_locks')"))
				.isEqualTo(6);
		}
	}

	@Test
	void migrateAcceptsADatabaseWhereTheSpecifiedSqlWasRunByHand() {
		try (TestDatabase db = TestDatabaseServer.get().createDatabase("migrate_by_hand")) {
			// given the specified DDL run by hand, with a row already embedded
			db.createEventsTable();
			db.jdbc().execute(TestDatabase.SPECIFIED_EMBEDDINGS_DDL);
			long id = db.insertSimpleEvents(1).get(0);
			db.jdbc().update("insert into public.event_embeddings (event_id, embedding) values (?, array_fill(0.05, array[384])::vector)", id);

			// when
			CliRun migrate = CliRun.run(db.environment(), "migrate");

			// then
			assertThat(migrate.exitCode()).as(migrate.toString()).isZero();
			assertSpecifiedSchema(db);
			assertThat(db.count("select count(*) from public.event_embeddings")).isEqualTo(1);
		}
	}

	@Test
	void migrateWaitsForALockAsLongAsAnIndexBuildMayNotJustTheUsualLockTimeout() throws Exception {
		try (TestDatabase db = TestDatabaseServer.get().createDatabase("migrate_lock_wait");
				Connection holder = db.jdbc().getDataSource().getConnection()) {
			// given an events table that an app holds locked, and bounds of half a second on statements and locks
			db.createEventsTable();
			holder.setAutoCommit(false);
			try (Statement lock = holder.createStatement()) {
				lock.execute("lock table public.iot_events in access exclusive mode");
			}
			Map<String, String> environment = new HashMap<>(db.environment());
			environment.put("EMBEDDINGS_DATABASE_LOCK_TIMEOUT", "500ms");
			environment.put("EMBEDDINGS_DATABASE_STATEMENT_TIMEOUT", "1s");

			// when migrate meets the lock, and it is held four times the usual lock timeout
			CompletableFuture<CliRun> migrate = CompletableFuture.supplyAsync(() -> CliRun.run(environment, "migrate"));
			Await.until(Duration.ofSeconds(60), "migrate waiting 2 s for the lock", () -> db.count("""
					select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'
					  and now() - query_start > interval '2 seconds'""") == 1);
			holder.commit();

			// then it applies the changelog once the lock is released (its changesets build indexes, which
			// wait for older transactions as long as they take)
			CliRun done = migrate.get(120, TimeUnit.SECONDS);
			assertThat(done.exitCode()).as(done.toString()).isZero();
			assertSpecifiedSchema(db);
		}
	}

	@Test
	void migrateWithoutAnEventsTableFailsWithExit2AndCreatesNothing() {
		try (TestDatabase db = TestDatabaseServer.get().createDatabase("migrate_no_events")) {
			// given a database without public.iot_events

			// when
			CliRun migrate = CliRun.run(db.environment(), "migrate");

			// then
			assertThat(migrate.exitCode()).isEqualTo(2);
			assertThat(migrate.err()).contains("public.iot_events does not exist").doesNotContain("\n\tat ");
			assertThat(migrate.err().strip().lines().count()).isEqualTo(1);
			assertThat(db.count("select count(*) from pg_tables where tablename = 'event_embeddings'")).isZero();
			assertThat(db.count("select count(*) from pg_extension where extname = 'vector'")).isZero();
		}
	}

	@Test
	void backfillBeforeMigrateSaysToMigrate() {
		try (TestDatabase db = TestDatabaseServer.get().createDatabase("not_migrated")) {
			// given events but no schema
			db.createEventsTable();
			db.insertSimpleEvents(3);

			// when
			CliRun backfill = CliRun.run(db.environment(), "backfill", "--limit=2");

			// then
			assertThat(backfill.exitCode()).isEqualTo(2);
			assertThat(backfill.err()).contains("run the migrate command first");
		}
	}

	@Test
	void commandsRefuseASchemaOlderThanTheTool() {
		try (TestDatabase db = TestDatabaseServer.get().createDatabase("older_schema")) {
			// given a schema migrated by an older version (its last changeset not applied)
			db.createEventsTable();
			assertThat(CliRun.run(db.environment(), "migrate").exitCode()).isZero();
			db.jdbc().update("delete from embeddings.databasechangelog where id = ?", SchemaMigrator.LATEST_CHANGESET);

			// when
			CliRun sync = CliRun.run(db.environment(), "sync");

			// then
			assertThat(sync.exitCode()).isEqualTo(2);
			assertThat(sync.err()).contains("is not migrated for this version of the tool");
			assertThat(CliRun.run(db.environment(), "migrate").out()).contains("1 changesets applied");
			assertThat(CliRun.run(db.environment(), "sync").exitCode()).isZero();
		}
	}

	private static void assertSpecifiedSchema(TestDatabase db) {
		assertThat(db.jdbc().queryForObject("""
				select format_type(a.atttypid, a.atttypmod) from pg_attribute a
				where a.attrelid = 'public.event_embeddings'::regclass and a.attname = 'embedding'""", String.class))
			.isEqualTo("vector(384)");
		assertThat(db.jdbc().queryForObject(
				"select relrowsecurity from pg_class where oid = 'public.event_embeddings'::regclass", Boolean.class))
			.isTrue();
		assertThat(db.jdbc().queryForObject("""
				select confdeltype from pg_constraint
				where conrelid = 'public.event_embeddings'::regclass and contype = 'f'""", String.class))
			.as("foreign key on delete cascade")
			.isEqualTo("c");
		assertThat(db.jdbc().queryForObject(
				"select indexdef from pg_indexes where indexname = 'event_embeddings_embedding_idx'", String.class))
			.contains("USING ivfflat (embedding vector_cosine_ops)")
			.contains("lists='100'");
	}

}
