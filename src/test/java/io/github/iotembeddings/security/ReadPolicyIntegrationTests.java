package io.github.iotembeddings.security;

import java.util.List;

import io.github.iotembeddings.support.ApiUser;
import io.github.iotembeddings.support.CliRun;
import io.github.iotembeddings.support.TestDatabase;
import io.github.iotembeddings.support.TestDatabaseServer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code grant-read}: Supabase's {@code authenticated} reads an embedding exactly when iot_events' own
 * row-level security lets it read the event. Two users who see different events each find only their
 * own neighbours; without the policy, and after {@code revoke-read}, they find none.
 */
class ReadPolicyIntegrationTests {

	@Test
	void eachUserFindsOnlyTheNeighboursOfTheEventsTheyMayRead() {
		try (TestDatabase db = TestDatabaseServer.get().createDatabase("read_policy")) {
			// given events of two users, iot_events readable by its owner only (as Supabase apps write it, on the
			// JWT's subject), and every event embedded
			db.jdbc().execute("""
					do $$ begin
					  if not exists (select 1 from pg_roles where rolname = 'authenticated') then create role authenticated nologin; end if;
					  if not exists (select 1 from pg_roles where rolname = 'anon') then create role anon nologin; end if;
					end $$""");
			db.createEventsTable();
			db.jdbc().execute("""
					insert into public.iot_events (device_id, event_type, payload)
					select case when g % 2 = 0 then 'alice' else 'bob' end, 'temperature_reading',
					  jsonb_build_object('temp_c', 20 + g, 'room', 'room ' || (g % 3))
					from generate_series(1, 12) g""");
			db.jdbc().execute("alter table public.iot_events enable row level security");
			db.jdbc().execute("""
					create policy own_events on public.iot_events for select to authenticated
					  using (device_id = current_setting('request.jwt.claim.sub', true))""");
			db.jdbc().execute("grant usage on schema public to authenticated, anon");
			db.jdbc().execute("grant select on public.iot_events to authenticated");
			assertThat(CliRun.run(db.environment(), "migrate").exitCode()).isZero();
			assertThat(CliRun.run(db.environment(), "sync").exitCode()).isZero();
			String query = db.jdbc().queryForObject("select embedding::text from public.event_embeddings limit 1",
					String.class);
			assertThat(nearest(db, "alice", query)).as("no policy: nothing to read").isEmpty();
			assertThat(matched(db, "alice", query)).as("no grant: the function may not be called").isEmpty();

			// when
			CliRun grant = CliRun.run(db.environment(), "grant-read");

			// then each user's nearest neighbours are their own events, all of them and only them
			assertThat(grant.exitCode()).as(grant.toString()).isZero();
			assertThat(nearest(db, "alice", query)).hasSize(6).allMatch("alice"::equals);
			assertThat(nearest(db, "bob", query)).hasSize(6).allMatch("bob"::equals);
			assertThat(nearest(db, "mallory", query)).isEmpty();

			// and so does the search function, which reads as its caller
			assertThat(matched(db, "alice", query)).hasSize(6).allMatch("alice"::equals);
			assertThat(matched(db, "bob", query)).hasSize(6).allMatch("bob"::equals);
			assertThat(matched(db, "mallory", query)).isEmpty();
			assertThat(ApiUser.query(db, "anon", "alice", "select count(*) from public.match_iot_events('" + query
					+ "'::vector, 10)")).as("anon may not call it").isEmpty();

			// and so does hybrid search, whose keyword list reads as its caller too: bob's own device name finds
			// nothing for alice, by keyword or by vector
			assertThat(hybrid(db, "alice", "alice temperature", query)).hasSize(6).allMatch("alice"::equals);
			assertThat(hybrid(db, "alice", "bob", query)).hasSize(6).allMatch("alice"::equals);
			assertThat(hybrid(db, "alice", "bob", null)).isEmpty();
			assertThat(hybrid(db, "bob", "bob", null)).hasSize(6).allMatch("bob"::equals);
			assertThat(hybrid(db, "mallory", "alice", query)).isEmpty();
			assertThat(ApiUser.query(db, "anon", "alice", "select count(*) from public.hybrid_match_iot_events('alice', null)"))
				.as("anon may not call it").isEmpty();

			// and revoke-read closes it again
			assertThat(CliRun.run(db.environment(), "revoke-read").exitCode()).isZero();
			assertThat(matched(db, "alice", query)).isEmpty();
			assertThat(hybrid(db, "alice", "alice", null)).isEmpty();
			assertThat(db.count("select count(*) from pg_policies where tablename = 'event_embeddings'")).isZero();
			assertThat(CliRun.run(db.environment(), "grant-read", "--role=nobody_here").err())
				.contains("there is no role nobody_here");
		}
	}

	/** @return the devices of the events {@code match_iot_events} returns to the user, or nothing if refused */
	private static List<String> matched(TestDatabase db, String user, String vector) {
		return ApiUser.query(db, "authenticated", user,
				"select event ->> 'device_id' from public.match_iot_events('%s'::vector, 10)".formatted(vector));
	}

	/**
	 * @return the devices of the events {@code hybrid_match_iot_events} returns to the user for the text (and the
	 * vector, unless null), or nothing if refused
	 */
	private static List<String> hybrid(TestDatabase db, String user, String text, @Nullable String vector) {
		return ApiUser.query(db, "authenticated", user,
				"select event ->> 'device_id' from public.hybrid_match_iot_events('%s', %s, 10)".formatted(text,
						(vector != null) ? "'" + vector + "'::vector" : "null"));
	}

	/** @return the devices of the 10 events nearest to the vector, as the user sees them through the API role */
	private static List<String> nearest(TestDatabase db, String user, String vector) {
		return ApiUser.query(db, "authenticated", user, """
				select e.device_id from public.event_embeddings ee join public.iot_events e on e.id = ee.event_id
				order by ee.embedding <=> '%s'::vector limit 10""".formatted(vector));
	}

}
