package io.github.iotembeddings.security;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.github.iotembeddings.support.ApiUser;
import io.github.iotembeddings.support.CliRun;
import io.github.iotembeddings.support.SupabaseLike;
import io.github.iotembeddings.support.TestDatabase;
import io.github.iotembeddings.support.TestDatabaseServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * README's "Running on Supabase", step by step, on a database set up the way Supabase sets one up:
 * pgvector in the {@code extensions} schema, on the search_path; the API roles with Supabase's default
 * grants in public; the app's own RLS on iot_events.
 */
class SupabaseStepsIntegrationTests {

	@Test
	void theReadmeStepsWorkOnASupabaseLikeDatabase() {
		try (TestDatabase db = TestDatabaseServer.get().createDatabase("supabase_steps")) {
			String runner = "iot_embedder_" + UUID.randomUUID().toString().substring(0, 8);
			String password = UUID.randomUUID().toString();
			supabaseLike(db);
			db.jdbc().execute("create role " + runner + " login password '" + password + "'");
			try {
				followTheSteps(db, runner, password);
			}
			finally {
				db.jdbc().execute("drop owned by " + runner);
				db.admin().execute("drop role " + runner);
			}
		}
	}

	private static void supabaseLike(TestDatabase db) {
		SupabaseLike.defaultPrivileges(db);
		db.jdbc().execute("create schema extensions");
		db.jdbc().execute("create extension vector schema extensions");
		db.jdbc().execute("alter database " + db.name() + " set search_path = \"$user\", public, extensions");
		db.jdbc().execute("grant usage on schema extensions to anon, authenticated, service_role");
		db.createEventsTable();
		db.jdbc().execute("""
				insert into public.iot_events (device_id, event_type, payload)
				select case when g % 2 = 0 then 'alice' else 'bob' end, 'door_open', jsonb_build_object('door', g)
				from generate_series(1, 10) g""");
		db.jdbc().execute("alter table public.iot_events enable row level security");
		db.jdbc().execute("""
				create policy own_events on public.iot_events for select to authenticated
				  using (device_id = current_setting('request.jwt.claim.sub', true))""");
	}

	private static void followTheSteps(TestDatabase db, String runner, String password) {
		// 1. migrate as the owner (Supabase's postgres)
		CliRun migrate = CliRun.run(db.environment(), "migrate");
		assertThat(migrate.exitCode()).as(migrate.toString()).isZero();
		assertThat(db.jdbc().queryForObject(
				"select extnamespace::regnamespace::text from pg_extension where extname = 'vector'", String.class))
			.as("pgvector stays where Supabase put it").isEqualTo("extensions");

		// 2. a runtime role with what `grants` prints, run in the SQL editor as the owner
		CliRun grants = CliRun.run(db.environment(), "grants", "--role=" + runner);
		assertThat(grants.exitCode()).as(grants.toString()).isZero();
		grants.out().lines().filter(line -> !line.startsWith("--")).forEach(db.jdbc()::execute);

		// 3. backfill and sync as that role
		Map<String, String> asRunner = new HashMap<>(db.environment());
		asRunner.put("DATABASE_USER", runner);
		asRunner.put("DATABASE_PASSWORD", password);
		CliRun backfill = CliRun.run(asRunner, "backfill", "--limit=10");
		assertThat(backfill.exitCode()).as(backfill.toString()).isZero();
		assertThat(db.missing()).isZero();

		// 4. grant-read, and the app's users read the vectors of their own events only; anon reads none
		assertThat(CliRun.run(db.environment(), "grant-read").exitCode()).isZero();
		assertThat(visibleEmbeddings(db, "authenticated", "alice")).hasSize(5).allMatch("alice"::equals);
		assertThat(visibleEmbeddings(db, "authenticated", "bob")).hasSize(5).allMatch("bob"::equals);
		assertThat(visibleEmbeddings(db, "anon", "alice")).isEmpty();

		// 5. the app's search, supabase.rpc('match_iot_events', ...): each user's own events, anon may not call it
		assertThat(rpcMatches(db, "authenticated", "alice")).hasSize(5).allMatch("alice"::equals);
		assertThat(rpcMatches(db, "authenticated", "bob")).hasSize(5).allMatch("bob"::equals);
		assertThat(rpcMatches(db, "anon", "alice")).isEmpty();

		// and the search command, as the runtime role, with pgvector in extensions
		CliRun search = CliRun.run(asRunner, "search", "door opened", "--limit=3");
		assertThat(search.exitCode()).as(search.toString()).isZero();
		assertThat(search.out()).contains("search: 3 events");

		// and nothing of the tool's is in public, where the Data API serves tables
		assertThat(db.jdbc().queryForList("""
				select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
				where n.nspname = 'public' and c.relkind = 'r' order by 1""", String.class))
			.containsExactly("event_embeddings", "iot_events");
	}

	/** @return the devices of the events match_iot_events returns to a user through an API role */
	private static List<String> rpcMatches(TestDatabase db, String role, String user) {
		return ApiUser.query(db, role, user, """
				select event ->> 'device_id'
				from public.match_iot_events(array_fill(0.05, array[384])::extensions.vector, 10)""");
	}

	/** @return the devices of the embeddings a user sees through an API role, nearest to a fixed vector first */
	private static List<String> visibleEmbeddings(TestDatabase db, String role, String user) {
		return ApiUser.query(db, role, user, """
				select e.device_id from public.event_embeddings ee join public.iot_events e on e.id = ee.event_id
				order by ee.embedding operator(extensions.<=>) array_fill(0.05, array[384])::extensions.vector
				limit 10""");
	}

}
