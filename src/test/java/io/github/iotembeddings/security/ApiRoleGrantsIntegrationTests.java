package io.github.iotembeddings.security;

import java.util.List;
import java.util.UUID;

import io.github.iotembeddings.support.ApiUser;
import io.github.iotembeddings.support.CliRun;
import io.github.iotembeddings.support.SupabaseLike;
import io.github.iotembeddings.support.TestDatabase;
import io.github.iotembeddings.support.TestDatabaseServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Supabase's API roles and PUBLIC may do to {@code public.event_embeddings} (issue 24): after
 * {@code migrate} on a database with Supabase's default privileges, nothing; after {@code grant-read}, select
 * for the role it names and nothing more; each role's read policy its own; and an install migrated before
 * this was fixed is put right by its next {@code migrate}.
 */
class ApiRoleGrantsIntegrationTests {

	private static final List<String> EVERYONE = List.of("anon", "authenticated", "public");

	@Test
	void migrateLeavesTheApiRolesNothingButWhatGrantReadGives() {
		try (TestDatabase db = TestDatabaseServer.get().createDatabase("api_role_grants")) {
			// given Supabase's default privileges, which grant the API roles everything created in public
			SupabaseLike.defaultPrivileges(db);
			db.createEventsTable();

			// when
			CliRun migrate = CliRun.run(db.environment(), "migrate");

			// then neither they nor PUBLIC may truncate the table, put a trigger on it or write it
			assertThat(migrate.exitCode()).as(migrate.toString()).isZero();
			for (String role : EVERYONE) {
				assertThat(rights(db, role)).as(role).isEmpty();
				assertThat(mayCallMatch(db, role)).as(role).isFalse();
			}

			// when
			CliRun grant = CliRun.run(db.environment(), "grant-read");

			// then authenticated reads (its policy decides which rows) and may search, and nothing more
			assertThat(grant.exitCode()).as(grant.toString()).isZero();
			assertThat(grant.out()).contains("policy iot_embeddings_read_authenticated");
			assertThat(rights(db, "authenticated")).containsExactly("SELECT");
			assertThat(mayCallMatch(db, "authenticated")).isTrue();
			assertThat(rights(db, "anon")).isEmpty();
			assertThat(rights(db, "public")).isEmpty();
			assertThat(readPolicies(db)).containsExactly("iot_embeddings_read_authenticated {authenticated}");
		}
	}

	@Test
	void eachRoleHasItsOwnReadPolicy() {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		String first = "reader_a_" + suffix;
		// A name that must be quoted, too long to follow the prefix within PostgreSQL's 63 bytes.
		String second = ("Reader B " + suffix + " of a rather long name").repeat(2).substring(0, 63);
		String quotedSecond = "\"" + second + "\"";
		try (TestDatabase db = TestDatabaseServer.get().createMigratedDatabase("read_policies")) {
			db.jdbc().execute("create role " + first + " nologin");
			db.jdbc().execute("create role " + quotedSecond + " nologin");
			try {
				// given an embedded event the two roles may read
				long id = db.insertSimpleEvents(1).get(0);
				db.jdbc().update("insert into public.event_embeddings (event_id, embedding)"
						+ " values (?, array_fill(0.05, array[384])::vector)", id);
				db.jdbc().execute("grant select on public.iot_events to " + first + ", " + quotedSecond);

				// when each is granted in turn
				assertThat(CliRun.run(db.environment(), "grant-read", "--role=" + first).exitCode()).isZero();
				CliRun grantSecond = CliRun.run(db.environment(), "grant-read", "--role=" + second);

				// then both read
				assertThat(grantSecond.exitCode()).as(grantSecond.toString()).isZero();
				assertThat(readPolicies(db)).hasSize(2).anyMatch(p -> p.equals("iot_embeddings_read_" + first + " {" + first + "}"));
				assertThat(readable(db, first)).containsExactly(String.valueOf(id));
				assertThat(readable(db, quotedSecond)).containsExactly(String.valueOf(id));

				// when the second is granted again, then it still has one policy
				assertThat(CliRun.run(db.environment(), "grant-read", "--role=" + second).exitCode()).isZero();
				assertThat(readPolicies(db)).hasSize(2);

				// when the first is revoked
				CliRun revoke = CliRun.run(db.environment(), "revoke-read", "--role=" + first);

				// then only the second reads
				assertThat(revoke.exitCode()).as(revoke.toString()).isZero();
				assertThat(readable(db, first)).isEmpty();
				assertThat(readable(db, quotedSecond)).containsExactly(String.valueOf(id));
				assertThat(readPolicies(db)).singleElement().asString().endsWith("{" + quotedSecond + "}");
			}
			finally {
				db.jdbc().execute("drop owned by " + first + ", " + quotedSecond);
				db.admin().execute("drop role " + first);
				db.admin().execute("drop role " + quotedSecond);
			}
		}
	}

	@Test
	void anInstallMigratedBeforeIsFixedByTheNextMigrate() {
		try (TestDatabase db = TestDatabaseServer.get().createDatabase("api_role_grants_upgrade")) {
			// given an install as earlier versions left it: Supabase's grants in full (one on a column too), and
			// grant-read's single policy for authenticated
			SupabaseLike.defaultPrivileges(db);
			db.createEventsTable();
			assertThat(CliRun.run(db.environment(), "migrate").exitCode()).isZero();
			db.jdbc().update("delete from embeddings.databasechangelog where id = '012-event-embeddings-api-roles'");
			db.jdbc().execute("grant all on public.event_embeddings to anon, authenticated, public");
			db.jdbc().execute("grant update (model) on public.event_embeddings to anon");
			db.jdbc().execute("""
					create policy iot_embeddings_read_with_event on public.event_embeddings for select to authenticated
					  using (exists (select 1 from public.iot_events e where e.id = event_embeddings.event_id))""");
			assertThat(rights(db, "anon")).contains("TRUNCATE", "TRIGGER", "REFERENCES");

			// when
			CliRun migrate = CliRun.run(db.environment(), "migrate");

			// then only authenticated's select, for its policy, is left
			assertThat(migrate.exitCode()).as(migrate.toString()).isZero();
			assertThat(migrate.out()).contains("1 changesets applied");
			assertThat(rights(db, "anon")).isEmpty();
			assertThat(rights(db, "public")).isEmpty();
			assertThat(rights(db, "authenticated")).containsExactly("SELECT");

			// and grant-read replaces the old policy rather than adding a second one
			assertThat(CliRun.run(db.environment(), "grant-read").exitCode()).isZero();
			assertThat(readPolicies(db)).containsExactly("iot_embeddings_read_authenticated {authenticated}");
			assertThat(CliRun.run(db.environment(), "revoke-read").exitCode()).isZero();
			assertThat(readPolicies(db)).isEmpty();
			assertThat(rights(db, "authenticated")).isEmpty();
		}
	}

	/** @return the rights the role holds on the table or on any of its columns, itself or through PUBLIC */
	private static List<String> rights(TestDatabase db, String role) {
		return db.jdbc().queryForList("""
				select p from unnest(array['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER']) p
				where has_table_privilege(?, 'public.event_embeddings', p)
				   or (p in ('SELECT', 'INSERT', 'UPDATE', 'REFERENCES')
				       and has_any_column_privilege(?, 'public.event_embeddings', p))
				order by p""", String.class, role, role);
	}

	private static boolean mayCallMatch(TestDatabase db, String role) {
		return db.jdbc().queryForObject("select has_function_privilege(?, 'public.match_iot_events'::regproc, 'execute')",
				Boolean.class, role);
	}

	/** @return the tool's read policies on the table, each as its name and its roles */
	private static List<String> readPolicies(TestDatabase db) {
		return db.jdbc().queryForList("""
				select policyname || ' ' || roles::text from pg_policies
				where schemaname = 'public' and tablename = 'event_embeddings' and policyname like 'iot\\_embeddings\\_read\\_%'
				order by policyname""", String.class);
	}

	/** @return the ids of the embeddings the role reads, or nothing if it may not read the table */
	private static List<String> readable(TestDatabase db, String role) {
		return ApiUser.query(db, role, "nobody", "select event_id from public.event_embeddings");
	}

}
