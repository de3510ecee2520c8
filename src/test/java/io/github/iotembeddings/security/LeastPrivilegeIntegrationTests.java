package io.github.iotembeddings.security;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.github.iotembeddings.support.CliRun;
import io.github.iotembeddings.support.TestDatabase;
import io.github.iotembeddings.support.TestDatabaseServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runtime commands under a role that has exactly what {@code grants} prints, no superuser, no
 * BYPASSRLS, with row-level security on the user's {@code iot_events}: sync, restart, status and validate
 * work; migrate stays the owner's.
 */
class LeastPrivilegeIntegrationTests {

	@Test
	void aRoleWithTheGrantsRunsEverythingButMigrate(@TempDir Path workingDir) {
		try (TestDatabase db = TestDatabaseServer.get().createDatabase("least_privilege")) {
			String role = "iot_runner_" + UUID.randomUUID().toString().substring(0, 8);
			String password = UUID.randomUUID().toString();
			db.jdbc().execute("create role " + role + " login password '" + password + "'");
			try {
				runAsTheRole(db, role, password, workingDir);
			}
			finally {
				db.jdbc().execute("drop owned by " + role);
				db.admin().execute("drop role " + role);
			}
		}
	}

	private static void runAsTheRole(TestDatabase db, String role, String password, Path workingDir) {
		// given events under row-level security (the app's users read their own), and the tool migrated
		db.createEventsTable();
		db.insertSimpleEvents(12);
		db.jdbc().execute("alter table public.iot_events enable row level security");
		db.jdbc().execute("create policy nobody_else on public.iot_events for select to public using (false)");
		assertThat(CliRun.run(db.environment(), "migrate").exitCode()).isZero();

		// when the owner applies what `grants` prints for the role
		CliRun grants = CliRun.run(db.environment(), "grants", "--role=" + role);
		assertThat(grants.exitCode()).as(grants.toString()).isZero();
		assertThat(grants.out()).contains("create policy iot_embeddings_read_all on public.iot_events");
		grants.out().lines().filter(line -> !line.startsWith("--")).forEach(db.jdbc()::execute);
		Map<String, String> asRole = new HashMap<>(db.environment());
		asRole.put("DATABASE_USER", role);
		asRole.put("DATABASE_PASSWORD", password);

		// then a sync that fails on a write, its restart, status and validate all run as the role
		db.jdbc().execute("create function reject_all() returns trigger language plpgsql as $$"
				+ " begin raise exception 'simulated outage'; end $$");
		db.jdbc().execute("create trigger reject_all before insert on public.event_embeddings"
				+ " for each row execute function reject_all()");
		CliRun failed = CliRun.run(asRole, workingDir, "sync");
		assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
		db.jdbc().execute("drop trigger reject_all on public.event_embeddings");
		long failedId = db.count("select max(job_execution_id) from embeddings.batch_job_execution");
		CliRun restart = CliRun.run(asRole, workingDir, "restart", String.valueOf(failedId));
		assertThat(restart.exitCode()).as(restart.toString()).isZero();
		assertThat(db.missing()).isZero();
		CliRun status = CliRun.run(asRole, workingDir, "status");
		assertThat(status.exitCode()).as(status.toString()).isZero();
		CliRun validate = CliRun.run(asRole, workingDir, "validate");
		assertThat(validate.exitCode()).as(validate.toString()).isZero();
		assertThat(validate.out()).contains("0 missing");

		// and migrate is not the role's to run
		CliRun migrate = CliRun.run(asRole, workingDir, "migrate");
		assertThat(migrate.exitCode()).as(migrate.toString()).isNotZero();
		assertThat(db.jdbc().queryForObject("select rolbypassrls or rolsuper from pg_roles where rolname = ?",
				Boolean.class, role)).isFalse();
	}

}
