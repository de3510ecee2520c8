package io.github.iotembeddings.schema;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.github.iotembeddings.support.CliRun;
import io.github.iotembeddings.support.TestDatabase;
import io.github.iotembeddings.support.TestDatabaseServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tool's own schema: on a Supabase-like database (its API roles, with the broad default grants
 * Supabase gives them in public) nothing the tool owns is in public or reachable by anon and
 * authenticated; and an installation from before the schema existed migrates in place, its history
 * and its restartable runs intact.
 */
class ToolSchemaIntegrationTests {

	@Test
	void onASupabaseLikeDatabaseTheApiRolesReachNothingTheToolOwns(@TempDir Path workingDir) throws Exception {
		try (TestDatabase db = TestDatabaseServer.get().createDatabase("tool_schema")) {
			// given Supabase's API roles with its default privileges on public
			db.jdbc().execute("""
					do $$ begin
					  if not exists (select 1 from pg_roles where rolname = 'anon') then create role anon nologin; end if;
					  if not exists (select 1 from pg_roles where rolname = 'authenticated') then create role authenticated nologin; end if;
					end $$""");
			db.jdbc().execute("grant usage on schema public to anon, authenticated");
			db.jdbc().execute("alter default privileges in schema public grant all on tables to anon, authenticated");
			db.jdbc().execute("alter default privileges in schema public grant all on sequences to anon, authenticated");
			db.jdbc().execute("alter default privileges in schema public grant all on functions to anon, authenticated");
			db.createEventsTable();
			db.insertSimpleEvents(4);

			// when
			assertThat(CliRun.run(db.environment(), "migrate").exitCode()).isZero();
			assertThat(CliRun.run(db.environment(), "sync").exitCode()).isZero();

			// then public holds the user's table and the specified one, nothing else of the tool's
			assertThat(db.jdbc().queryForList("""
					select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
					where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm')
					order by 1""", String.class)).containsExactly("event_embeddings", "iot_events");
			assertThat(db.count("""
					select count(*) from pg_proc p join pg_namespace n on n.oid = p.pronamespace
					where n.nspname = 'public' and p.proname like 'iot_embeddings%'""")).isZero();
			// and the API roles may not use the tool's schema, nor any table, sequence or function in it
			for (String role : List.of("anon", "authenticated")) {
				assertThat(db.jdbc().queryForObject("select has_schema_privilege(?, 'embeddings', 'usage')", Boolean.class,
						role)).as(role).isFalse();
				assertThat(db.count("""
						select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace
						where n.nspname = 'embeddings' and c.relkind in ('r', 'S')
						  and (has_table_privilege(?, c.oid, 'select') or has_table_privilege(?, c.oid, 'insert')
						    or has_table_privilege(?, c.oid, 'update') or has_table_privilege(?, c.oid, 'delete'))""",
						role, role, role, role)).as(role).isZero();
				assertThat(db.count("""
						select count(*) from pg_proc p join pg_namespace n on n.oid = p.pronamespace
						where n.nspname = 'embeddings' and has_function_privilege(?, p.oid, 'execute')""", role)).as(role)
					.isZero();
			}
			assertThat(db.count("select count(*) from embeddings.batch_job_execution")).isOne();
			// and the table report says so
			CliRun report = CliRun.run(db.environment(), workingDir, "report");
			assertThat(report.exitCode()).as(report.toString()).isZero();
			assertThat(Files.readString(workingDir.resolve("_reports/emb_table_create.md")))
				.contains("is in schema `embeddings`, not in `public`")
				.contains("Roles besides its owner and superusers that may use it: none.")
				.contains("(`anon`, `authenticated`) have no grant on it or on anything in it");
		}
	}

	@Test
	void anInstallationFromBeforeTheSchemaMigratesInPlace() {
		try (TestDatabase db = TestDatabaseServer.get().createDatabase("tool_schema_upgrade")) {
			// given the layout of earlier versions (every object of the tool in public), a completed run and a
			// failed one
			db.createEventsTable();
			db.insertSimpleEvents(10);
			assertThat(CliRun.run(db.environment(), "migrate").exitCode()).isZero();
			assertThat(CliRun.run(db.environment(), "backfill", "--limit=4").exitCode()).isZero();
			db.jdbc().execute("create function reject_all() returns trigger language plpgsql as $$"
					+ " begin raise exception 'simulated outage'; end $$");
			db.jdbc().execute("create trigger reject_all before insert on public.event_embeddings"
					+ " for each row execute function reject_all()");
			assertThat(CliRun.run(db.environment(), "sync").exitCode()).isEqualTo(1);
			db.jdbc().execute("drop trigger reject_all on public.event_embeddings");
			long failed = db.count("select max(job_execution_id) from embeddings.batch_job_execution");
			moveEverythingBackToPublic(db);
			CliRun before = CliRun.run(db.environment(), "executions");
			assertThat(before.exitCode()).as("an old layout is told to migrate").isEqualTo(2);
			assertThat(before.err()).contains("run the migrate command first");

			// when
			CliRun migrate = CliRun.run(db.environment(), "migrate");

			// then the history moved with its tables, and the failed run still restarts
			assertThat(migrate.exitCode()).as(migrate.toString()).isZero();
			assertThat(migrate.out()).contains("2 changesets applied, 26 already applied");
			assertThat(db.count("select count(*) from embeddings.batch_job_execution")).isEqualTo(2);
			assertThat(db.count("""
					select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace
					where n.nspname = 'public' and (c.relname like 'batch%' or c.relname like 'qrtz%'
					  or c.relname like 'databasechangelog%' or c.relname = 'event_embedding_errors')""")).isZero();
			CliRun restart = CliRun.run(db.environment(), "restart", String.valueOf(failed));
			assertThat(restart.exitCode()).as(restart.toString()).isZero();
			assertThat(db.missing()).isZero();
			assertThat(db.count("select max(job_execution_id) from embeddings.batch_job_execution")).isEqualTo(failed + 1);
		}
	}

	/**
	 * What earlier versions left: the same objects, in public, and no record of changeset 006. The tables of
	 * later changesets (007's sync state, change queue and full checks, 013's keyword fill) never existed in
	 * public: they stay.
	 */
	private static void moveEverythingBackToPublic(TestDatabase db) {
		db.jdbc().execute("delete from embeddings.databasechangelog where id like '006-%'");
		db.jdbc().execute("""
				do $$
				declare
				  object record;
				begin
				  for object in select c.relname, c.relkind from pg_class c join pg_namespace n on n.oid = c.relnamespace
				    where n.nspname = 'embeddings' and c.relkind in ('r', 'S')
				      and c.relname not in ('sync_state', 'event_changes', 'full_checks', 'keyword_fill')
				      and not exists (select 1 from pg_depend d where d.objid = c.oid and d.deptype in ('a', 'i')) loop
				    execute format('alter %s embeddings.%I set schema public',
				      case object.relkind when 'S' then 'sequence' else 'table' end, object.relname);
				  end loop;
				  alter function embeddings.iot_embeddings_event_text(public.iot_events) set schema public;
				end $$""");
	}

}
