package io.github.iotembeddings.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.iotembeddings.support.Await;
import io.github.iotembeddings.support.CliRun;
import io.github.iotembeddings.support.Http;
import io.github.iotembeddings.support.JarProcess;
import io.github.iotembeddings.support.TestDatabase;
import io.github.iotembeddings.support.TestDatabaseServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A restart has the same effects whichever entry point asks for it, because both call the one pass:
 * every event embedded, the reports rewritten with the resumed run, the vector index checked (and, with
 * enough rows for this test's threshold, rebuilt on them).
 */
class RestartEntryPointsIntegrationTests {

	private static final int EVENTS = 12;

	@Test
	void restartFromTheCommandLine(@TempDir Path workingDir) throws Exception {
		try (TestDatabase db = TestDatabaseServer.get().createDatabase("restart_cli")) {
			// given a failed sync
			Map<String, String> environment = environment(db);
			long failedId = failedSync(db, environment, workingDir);

			// when
			CliRun restart = CliRun.run(environment, workingDir, "restart", String.valueOf(failedId));

			// then
			assertThat(restart.exitCode()).as(restart.toString()).isZero();
			assertAfterRunEffects(db, workingDir.resolve("_reports"));
		}
	}

	@Test
	void restartFromTheAdminApi(@TempDir Path workingDir) throws Exception {
		try (TestDatabase db = TestDatabaseServer.get().createDatabase("restart_admin")) {
			// given a failed sync, more than a day of per-minute syncs after it (the API once looked among the
			// newest 1,000 executions only), and a scheduler with an admin token whose cron will not fire
			Map<String, String> environment = environment(db);
			long failedId = failedSync(db, environment, workingDir);
			db.jdbc().execute("""
					with instances as (
					  insert into batch_job_instance (job_instance_id, version, job_name, job_key)
					  select nextval('batch_job_instance_seq'), 0, 'embedEvents', md5('later sync ' || g)
					  from generate_series(1, 1500) g returning job_instance_id)
					insert into batch_job_execution (job_execution_id, version, job_instance_id, create_time, status)
					select nextval('batch_job_execution_seq'), 0, job_instance_id, now(), 'COMPLETED' from instances""");
			String token = "admin-" + System.nanoTime();
			int port = Http.freePort();
			environment.put("EMBEDDINGS_ADMIN_TOKEN", token);
			environment.put("SERVER_PORT", String.valueOf(port));
			Process scheduler = JarProcess.start(workingDir, environment, "schedule", "--cron=0 0 0 1 1 ? 2099");
			try {
				Await.until(Duration.ofSeconds(60), "the scheduler",
						() -> JarProcess.output(workingDir).contains("schedule: running"));

				// when
				assertThat(Http.send(port, "POST", "/admin/executions/987654/restart", token)).isEqualTo(404);
				assertThat(Http.send(port, "POST", "/admin/executions/" + failedId + "/restart", token)).isEqualTo(202);

				// then (the scheduler does its after-run work on a thread of its own)
				Await.until(Duration.ofSeconds(60), "the restart's after-run work", () -> indexRebuiltOnAllRows(db));
				assertAfterRunEffects(db, workingDir.resolve("_reports"));
			}
			finally {
				scheduler.destroy();
				assertThat(scheduler.waitFor(60, TimeUnit.SECONDS)).isTrue();
			}
		}
	}

	/** A sync that fails on its first write (chunks of 4), with nothing written; the cause is then removed. */
	private static long failedSync(TestDatabase db, Map<String, String> environment, Path workingDir) {
		db.createEventsTable();
		db.insertSimpleEvents(EVENTS);
		assertThat(CliRun.run(environment, workingDir, "migrate").exitCode()).isZero();
		db.jdbc().execute("""
				create function reject_all() returns trigger language plpgsql as $$
				begin raise exception 'simulated outage'; end $$""");
		db.jdbc().execute("create trigger reject_all before insert on public.event_embeddings"
				+ " for each row execute function reject_all()");
		CliRun failed = CliRun.run(environment, workingDir, "sync", "--chunk-size=4");
		assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
		db.jdbc().execute("drop trigger reject_all on public.event_embeddings");
		return db.count("select max(job_execution_id) from batch_job_execution");
	}

	/** The index is rebuilt from 1 row on, so a run that wrote rows visibly checked it. */
	private static Map<String, String> environment(TestDatabase db) {
		Map<String, String> environment = new HashMap<>(db.environment());
		environment.put("EMBEDDINGS_INDEX_MIN_ROWS", "1");
		return environment;
	}

	private static void assertAfterRunEffects(TestDatabase db, Path reports) throws Exception {
		assertThat(db.missing()).isZero();
		long resumed = db.count("select max(job_execution_id) from batch_job_execution");
		assertThat(db.count("select count(*) from batch_job_execution where job_execution_id = ? and status = 'COMPLETED'",
				resumed)).isOne();
		assertThat(indexRebuiltOnAllRows(db)).as("the index was checked and rebuilt on the rows").isTrue();
		// The failed run is a sync: its restart is a sync run too, in the sync history; reports of other kinds
		// (the backfill report, the table's description) are left to the runs of their kind.
		Await.until(Duration.ofSeconds(30), "the reports to show the resumed run",
				() -> read(reports.resolve("emb_sync_history.json")).contains("\"id\" : " + resumed));
		assertThat(reports.resolve("emb_backfill.json")).doesNotExist();
		assertThat(reports.resolve("emb_table_create.md")).doesNotExist();
	}

	private static String read(Path file) {
		try {
			return Files.isRegularFile(file) ? Files.readString(file) : "";
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static boolean indexRebuiltOnAllRows(TestDatabase db) {
		return db.count("""
				select count(*) from pg_class c where c.relname = 'event_embeddings_embedding_idx'
				  and obj_description(c.oid, 'pg_class') like '%%%d rows%%'""".formatted(EVENTS)) == 1;
	}

}
