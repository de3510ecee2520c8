package io.github.iotembeddings.support;

/**
 * A test database's roles and grants set up the way Supabase sets up a project's: its API roles, and default
 * privileges that grant them everything created in {@code public}.
 */
public final class SupabaseLike {

	private SupabaseLike() {
	}

	/**
	 * Creates {@code anon}, {@code authenticated} and {@code service_role} where the server has none yet. Roles
	 * belong to the server, not to a database: every test class on it shares them, so they are created once,
	 * without a login, and never dropped; what they may do is granted per database.
	 */
	public static void apiRoles(TestDatabase db) {
		db.jdbc().execute("""
				do $$ begin
				  if not exists (select 1 from pg_roles where rolname = 'anon') then create role anon nologin; end if;
				  if not exists (select 1 from pg_roles where rolname = 'authenticated') then create role authenticated nologin; end if;
				  if not exists (select 1 from pg_roles where rolname = 'service_role') then create role service_role nologin bypassrls; end if;
				end $$""");
	}

	/**
	 * Supabase's grants in {@code public}: usage on the schema, and every table, sequence and function created
	 * there afterwards granted in full to the API roles. Run before {@code migrate}, as on Supabase.
	 */
	public static void defaultPrivileges(TestDatabase db) {
		apiRoles(db);
		db.jdbc().execute("grant usage on schema public to anon, authenticated, service_role");
		db.jdbc().execute("alter default privileges in schema public grant all on tables to anon, authenticated, service_role");
		db.jdbc().execute("alter default privileges in schema public grant all on sequences to anon, authenticated, service_role");
		db.jdbc().execute("alter default privileges in schema public grant all on functions to anon, authenticated, service_role");
	}

}
