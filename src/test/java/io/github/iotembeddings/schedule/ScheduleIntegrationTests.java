package io.github.iotembeddings.schedule;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
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

/** {@code schedule}: real Quartz, clustered through a real database, in real processes. */
class ScheduleIntegrationTests {

	private static final String EVERY_2_SECONDS = "--cron=0/2 * * * * ?";

	@Test
	void insertedEventIsEmbeddedByTheScheduleAndProbesAnswer(@TempDir Path workingDir) throws Exception {
		try (TestDatabase db = TestDatabaseServer.get().createMigratedDatabase("schedule")) {
			// given a migrated database with a few events, and a scheduler on a 2-second cron
			db.insertSimpleEvents(3);
			int[] ports = Http.twoFreePorts();
			int port = ports[0];
			int managementPort = ports[1];
			Map<String, String> environment = withPort(db, port);
			environment.put("MANAGEMENT_SERVER_PORT", String.valueOf(managementPort));
			Process scheduler = JarProcess.start(workingDir, environment, "schedule", EVERY_2_SECONDS);
			try {
				Await.until(Duration.ofSeconds(60), "the first sync", () -> db.missing() == 0);

				// when an event is inserted
				long id = db.insertSimpleEvents(1).get(0);

				// then a later fire time embeds it
				Await.until(Duration.ofSeconds(20), "event " + id + " embedded",
						() -> db.count("select count(*) from public.event_embeddings where event_id = ?", id) == 1);
				assertThat(Http.send(managementPort, "GET", "/actuator/health/readiness", null)).isEqualTo(200);
				assertThat(Http.send(managementPort, "GET", "/actuator/health/liveness", null)).isEqualTo(200);
				assertThat(Http.send(managementPort, "GET", "/actuator/env", null)).as("only health is exposed").isEqualTo(404);
				assertThat(Http.send(managementPort, "GET", "/actuator/quartz", null)).isEqualTo(404);
				assertThat(Http.send(port, "GET", "/actuator/health/liveness", null)).as("probes on the management port only")
					.isEqualTo(302);
				assertThat(Http.send(port, "GET", "/admin/executions", null)).as("no admin token configured: API off").isEqualTo(404);
			}
			finally {
				scheduler.destroy();
				assertThat(scheduler.waitFor(60, TimeUnit.SECONDS)).isTrue();
			}
			assertThat(scheduler.exitValue()).as(JarProcess.output(workingDir)).isZero();
			assertThat(db.count("select count(*) from batch_job_execution where status not in ('COMPLETED', 'STOPPED')"))
				.isZero();
		}
	}

	@Test
	void changeTriggerWakesTheSchedulerAndSyncTestReportsIt(@TempDir Path workingDir) throws Exception {
		try (TestDatabase db = TestDatabaseServer.get().createMigratedDatabase("wake")) {
			// given an event (the sync check inserts copies of it), the opt-in trigger and a scheduler whose
			// cron fires only once an hour
			long event = db.insertSimpleEvents(1).get(0);
			assertThat(CliRun.run(db.environment(), "install-trigger").exitCode()).isZero();
			Process scheduler = JarProcess.start(workingDir, withPort(db, 0), "schedule", "--cron=0 0 * * * ?");
			try {
				Await.until(Duration.ofSeconds(60), "the scheduler to start",
						() -> db.count("select count(*) from qrtz_scheduler_state") == 1);
				Await.until(Duration.ofSeconds(30), "the change listener",
						() -> JarProcess.output(workingDir).contains("Listening for changes"));

				// when the sync check inserts events and times them
				Path reports = workingDir.resolve("reports");
				CliRun syncTest = CliRun.run(db.environment(), "sync-test", "--samples=5", "--timeout=10",
						"--reports-dir=" + reports);

				// then every event was embedded within seconds, far ahead of the cron, and the reports say so
				assertThat(syncTest.exitCode()).as(syncTest.toString()).isZero();
				assertThat(syncTest.out()).contains("5 of 5 inserted events embedded");
				String json = Files.readString(reports.resolve("emb_sync_test.json"));
				assertThat(json).contains("\"passed\" : true").contains("\"changeTriggerInstalled\" : true")
					.contains("\"cron\" : \"0 0 * * * ?\"").contains("\"p95\"").contains("\"runId\"");
				assertThat(Files.readString(reports.resolve("emb_sync_schedule.md"))).contains("`0 0 * * * ?`")
					.contains("a scheduler checked in").contains("5 of 5 events embedded");
				assertThat(db.jdbc().queryForList("select id from public.iot_events", Long.class))
					.as("marked events removed, the copied one kept").containsExactly(event);
			}
			finally {
				scheduler.destroy();
				assertThat(scheduler.waitFor(60, TimeUnit.SECONDS)).isTrue();
			}
		}
	}

	@Test
	void syncTestFailsWhenNothingSyncs() {
		try (TestDatabase db = TestDatabaseServer.get().createMigratedDatabase("no_scheduler")) {
			db.insertSimpleEvents(1);

			CliRun syncTest = CliRun.run(db.environment(), "sync-test", "--timeout=1", "--reports-dir="
					+ System.getProperty("java.io.tmpdir") + "/iot-embeddings-no-scheduler");

			assertThat(syncTest.exitCode()).isEqualTo(1);
			assertThat(syncTest.err()).contains("not embedded within 1 s").contains("is a scheduler");
		}
	}

	@Test
	void adminApiNeedsTheTokenAndRestartsAFailedExecution(@TempDir Path workingDir) throws Exception {
		try (TestDatabase db = TestDatabaseServer.get().createMigratedDatabase("admin")) {
			// given a sync that failed because the database rejected a write
			db.insertSimpleEvents(10);
			db.jdbc().execute("""
					create function reject_all() returns trigger language plpgsql as $$
					begin raise exception 'simulated outage'; end $$""");
			db.jdbc().execute("create trigger reject_all before insert on public.event_embeddings"
					+ " for each row execute function reject_all()");
			assertThat(CliRun.run(db.environment(), "sync").exitCode()).isEqualTo(1);
			long failedId = db.count("select job_execution_id from batch_job_execution");
			db.jdbc().execute("drop trigger reject_all on public.event_embeddings");

			// and a scheduler with an admin token, whose cron will not fire during the test
			String token = "admin-" + System.nanoTime();
			int port = Http.freePort();
			Map<String, String> environment = withPort(db, port);
			environment.put("EMBEDDINGS_ADMIN_TOKEN", token);
			Process scheduler = JarProcess.start(workingDir, environment, "schedule", "--cron=0 0 0 1 1 ? 2099");
			try {
				Await.until(Duration.ofSeconds(60), "the scheduler", () -> JarProcess.output(workingDir).contains("schedule: running"));

				// then no token or a wrong one is refused, the right one is served
				assertThat(Http.send(port, "GET", "/admin/executions", null)).isEqualTo(401);
				assertThat(Http.send(port, "GET", "/admin/executions", "wrong-" + token)).isEqualTo(401);
				assertThat(Http.send(port, "POST", "/admin/executions/" + failedId + "/restart", "x")).isEqualTo(401);
				assertThat(Http.send(port, "GET", "/admin/executions", token)).isEqualTo(200);

				// and a restart with the token resumes the failed run to completion
				assertThat(Http.send(port, "POST", "/admin/executions/" + failedId + "/restart", token)).isEqualTo(202);
				Await.until(Duration.ofSeconds(60), "the restarted run", () -> db.missing() == 0);
				Await.until(Duration.ofSeconds(30), "the restart to be recorded", () -> db.count(
						"select count(*) from batch_job_execution where status = 'COMPLETED'") == 1);
				assertThat(db.count("select count(*) from batch_job_instance")).as("same instance, restarted").isOne();
				assertThat(Http.send(port, "POST", "/admin/sync", token)).isEqualTo(202);
			}
			finally {
				scheduler.destroy();
				assertThat(scheduler.waitFor(60, TimeUnit.SECONDS)).isTrue();
			}
			assertThat(JarProcess.output(workingDir)).doesNotContain(token);
		}
	}

	@Test
	void twoClusteredSchedulersNeverRunAFireTimeTwice(@TempDir Path first, @TempDir Path second) throws Exception {
		try (TestDatabase db = TestDatabaseServer.get().createMigratedDatabase("cluster")) {
			// given events, every write recorded, and two schedulers on one database
			db.insertSimpleEvents(40);
			db.recordWrites(0);
			Process a = JarProcess.start(first, withPort(db, 0), "schedule", EVERY_2_SECONDS, "--chunk-size=8");
			Process b = JarProcess.start(second, withPort(db, 0), "schedule", EVERY_2_SECONDS, "--chunk-size=8");
			try {
				// when they run for several periods while events keep arriving
				try {
					Await.until(Duration.ofSeconds(90), "both schedulers in the cluster",
							() -> db.count("select count(*) from qrtz_scheduler_state") == 2);
				}
				catch (AssertionError ex) {
					throw new AssertionError(ex.getMessage() + "; first: " + JarProcess.output(first) + "; second: " + JarProcess.output(second), ex);
				}
				for (int round = 0; round < 4; round++) {
					// A sync with nothing to do launches no execution, and one running may take a round's events
					// too: wait for the events, not for an execution per round.
					db.insertSimpleEvents(5);
					try {
						Await.until(Duration.ofSeconds(30), "the round's events embedded", () -> db.missing() == 0);
					}
					catch (AssertionError ex) {
						throw new AssertionError(ex.getMessage() + "; first: " + JarProcess.output(first) + "; second: "
								+ JarProcess.output(second), ex);
					}
				}
				Await.until(Duration.ofSeconds(30), "everything embedded", () -> db.missing() == 0);
			}
			finally {
				a.destroy();
				b.destroy();
				assertThat(a.waitFor(60, TimeUnit.SECONDS) && b.waitFor(60, TimeUnit.SECONDS)).isTrue();
			}

			// then each fire time ran once, and each event was written once
			assertThat(a.exitValue()).as(JarProcess.output(first)).isZero();
			assertThat(b.exitValue()).as(JarProcess.output(second)).isZero();
			assertThat(db.count("""
					select count(*) from (select parameter_value from batch_job_execution_params
					  where parameter_name = 'fire.time' group by parameter_value having count(*) > 1) repeated""")).isZero();
			assertThat(db.count("select count(*) from batch_job_execution_params where parameter_name = 'fire.time'"))
				.isGreaterThanOrEqualTo(2);
			assertThat(db.count("select count(*) from embedding_writes")).isEqualTo(60);
			assertThat(db.count("select count(distinct event_id) from embedding_writes")).isEqualTo(60);
			assertThat(db.missing()).isZero();
		}
	}

	@Test
	void sigtermDuringARunStopsAfterTheChunkAndLeavesItRestartable(@TempDir Path workingDir) throws Exception {
		try (TestDatabase db = TestDatabaseServer.get().createMigratedDatabase("sigterm")) {
			// given slow writes, so a sync of 60 events in chunks of 5 takes several seconds
			db.insertSimpleEvents(60);
			db.recordWrites(0.05);
			Process scheduler = JarProcess.start(workingDir, withPort(db, 0), "schedule", EVERY_2_SECONDS, "--chunk-size=5");

			// when SIGTERM arrives after the first committed chunk
			Await.until(Duration.ofSeconds(60), "a committed chunk",
					() -> db.count("select count(*) from public.event_embeddings") >= 5);
			scheduler.destroy();

			// then the process exits 0, the run ends STOPPED on a chunk boundary, restartable
			assertThat(scheduler.waitFor(60, TimeUnit.SECONDS)).isTrue();
			assertThat(scheduler.exitValue()).as(JarProcess.output(workingDir)).isZero();
			assertThat(db.jdbc().queryForList("select status from batch_job_execution", String.class))
				.containsExactly("STOPPED");
			long committed = db.count("select count(*) from public.event_embeddings");
			assertThat(committed % 5).as("whole chunks only").isZero();
			assertThat(committed).isLessThan(60);
			assertThat(db.count("select count(*) from embedding_writes")).isEqualTo(committed);
			long executionId = db.count("select job_execution_id from batch_job_execution");
			CliRun restart = CliRun.run(db.environment(), "restart", String.valueOf(executionId));
			assertThat(restart.exitCode()).as(restart.toString()).isZero();
			assertThat(db.missing()).isZero();
			assertThat(db.count("select count(*) from embedding_writes")).isEqualTo(60);
		}
	}

	@Test
	void twoSyncsAtOnceBothSucceedAndEmbedEachEventOnce(@TempDir Path first, @TempDir Path second) throws Exception {
		try (TestDatabase db = TestDatabaseServer.get().createMigratedDatabase("two_syncs")) {
			// given slow writes (3 s in all), so two syncs started together overlap whatever their JVMs' start-up
			db.insertSimpleEvents(30);
			db.recordWrites(0.1);

			// when
			Process a = JarProcess.start(first, db.environment(), "sync", "--chunk-size=5");
			Process b = JarProcess.start(second, db.environment(), "sync", "--chunk-size=5");
			assertThat(a.waitFor(120, TimeUnit.SECONDS) && b.waitFor(120, TimeUnit.SECONDS)).isTrue();

			// then
			assertThat(a.exitValue()).as(JarProcess.output(first)).isZero();
			assertThat(b.exitValue()).as(JarProcess.output(second)).isZero();
			assertThat(db.missing()).isZero();
			assertThat(db.count("select count(*) from embedding_writes")).isEqualTo(30);
			assertThat(JarProcess.output(first) + JarProcess.output(second)).contains("nothing to do");
		}
	}

	@Test
	void changeTriggerIsOptInAndRemovable() {
		try (TestDatabase db = TestDatabaseServer.get().createMigratedDatabase("trigger")) {
			assertThat(triggers(db)).as("migrate never touches iot_events").isEmpty();

			assertThat(CliRun.run(db.environment(), "install-trigger").exitCode()).isZero();
			assertThat(CliRun.run(db.environment(), "install-trigger").exitCode()).as("idempotent").isZero();
			assertThat(triggers(db)).containsExactlyInAnyOrder("iot_embeddings_notify_change", "iot_embeddings_capture_change");

			assertThat(CliRun.run(db.environment(), "remove-trigger").exitCode()).isZero();
			assertThat(triggers(db)).isEmpty();
			assertThat(db.count("select count(*) from pg_proc where proname like 'iot_embeddings_%_change'")).isZero();
		}
	}

	private static List<String> triggers(TestDatabase db) {
		return db.jdbc().queryForList("select tgname::text from pg_trigger where tgrelid = 'public.iot_events'::regclass"
				+ " and not tgisinternal", String.class);
	}

	private static Map<String, String> withPort(TestDatabase db, int port) {
		Map<String, String> environment = new HashMap<>(db.environment());
		environment.put("SERVER_PORT", String.valueOf(port));
		return environment;
	}


}
