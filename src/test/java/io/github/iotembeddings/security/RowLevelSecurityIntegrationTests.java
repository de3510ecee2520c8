package io.github.iotembeddings.security;

import java.util.HashMap;
import java.util.Map;

import io.github.iotembeddings.support.CliRun;
import io.github.iotembeddings.support.TestDatabase;
import io.github.iotembeddings.support.TestDatabaseServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Supabase's roles against event_embeddings: RLS stays on with no policies, so the API roles see and
 * write nothing even with table grants, while the job works as the owner and as service_role.
 */
class RowLevelSecurityIntegrationTests {

	@Test
	void apiRolesSeeNothingAndWriteNothingWhileTheJobWorks() {
		try (TestDatabase db = TestDatabaseServer.get().createDatabase("rls")) {
			// given Supabase's roles, with the broad grants Supabase gives them on public tables
			String serviceRolePassword = "svc-" + System.nanoTime();
			db.jdbc().execute("""
					do $$ begin
					  if not exists (select 1 from pg_roles where rolname = 'anon') then create role anon nologin; end if;
					  if not exists (select 1 from pg_roles where rolname = 'authenticated') then create role authenticated nologin; end if;
					  if not exists (select 1 from pg_roles where rolname = 'service_role') then create role service_role; end if;
					end $$""");
			db.jdbc().execute("alter role service_role with login bypassrls password '" + serviceRolePassword + "'");
			try {
				runAsSupabaseRoles(db, serviceRolePassword);
			}
			finally {
				// The roles are server-wide: leave no login behind on the test server.
				db.jdbc().execute("alter role service_role with nologin password null");
			}
		}
	}

	private static void runAsSupabaseRoles(TestDatabase db, String serviceRolePassword) {
		db.createEventsTable();
		db.insertSimpleEvents(8);
		assertThat(CliRun.run(db.environment(), "migrate").exitCode()).isZero();
		assertThat(CliRun.run(db.environment(), "backfill", "--limit=4").exitCode()).isZero();
		db.jdbc().execute("grant usage on schema public to anon, authenticated, service_role");
		db.jdbc().execute("grant all on all tables in schema public to anon, authenticated, service_role");
		db.jdbc().execute("grant all on all sequences in schema public to anon, authenticated, service_role");

		// then the API roles read no rows and cannot write one
		for (String role : new String[] { "anon", "authenticated" }) {
			assertThat(asRole(db, role, "select count(*) from public.event_embeddings")).as(role).isZero();
			assertThatThrownBy(() -> asRole(db, role, """
					insert into public.event_embeddings (event_id, embedding)
					select id, array_fill(0.1, array[384])::vector from public.iot_events limit 1 returning 1"""))
				.as(role)
				.rootCause()
				.hasMessageContaining("violates row-level security policy");
			assertThat(asRole(db, role,
					"with d as (delete from public.event_embeddings returning 1) select count(*) from d")).isZero();
		}

		// and the job, run as service_role with the rights `grants` prints, embeds the rest; RLS is still on afterwards
		CliRun grants = CliRun.run(db.environment(), "grants", "--role=service_role");
		assertThat(grants.exitCode()).as(grants.toString()).isZero();
		grants.out().lines().filter(line -> !line.startsWith("--")).forEach(db.jdbc()::execute);
		Map<String, String> asServiceRole = new HashMap<>(db.environment());
		asServiceRole.put("DATABASE_USER", "service_role");
		asServiceRole.put("DATABASE_PASSWORD", serviceRolePassword);
		CliRun sync = CliRun.run(asServiceRole, "sync");
		assertThat(sync.exitCode()).as(sync.toString()).isZero();
		assertThat(db.missing()).isZero();
		assertThat(db.jdbc().queryForObject(
				"select relrowsecurity from pg_class where oid = 'public.event_embeddings'::regclass", Boolean.class))
			.isTrue();
		assertThat(db.count("select count(*) from pg_policies where tablename = 'event_embeddings' and not"
				+ " ('service_role' = any(roles))")).as("the tool adds no policy but the one grants printed").isZero();

		// and service_role, which may not create functions in public, is told to migrate as the owner
		// when the configured text expression differs from the installed one
		asServiceRole.put("EMBEDDINGS_JOB_TEXT_SQL", "e.device_id");
		CliRun changed = CliRun.run(asServiceRole, "sync");
		assertThat(changed.exitCode()).as(changed.toString()).isEqualTo(2);
		assertThat(changed.err()).contains("run migrate once with this configuration as the tables' owner");
	}

	private static long asRole(TestDatabase db, String role, String sql) {
		return db.jdbc().execute((java.sql.Connection connection) -> {
			connection.setAutoCommit(false);
			try (var statement = connection.createStatement()) {
				statement.execute("set local role " + role);
				try (var rs = statement.executeQuery(sql)) {
					return rs.next() ? rs.getLong(1) : 0L;
				}
			}
			finally {
				connection.rollback();
			}
		});
	}

}
