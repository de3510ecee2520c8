package io.github.iotembeddings.schedule;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.iotembeddings.support.Await;
import io.github.iotembeddings.support.CliRun;
import io.github.iotembeddings.support.FaultyProxy;
import io.github.iotembeddings.support.Http;
import io.github.iotembeddings.support.JarProcess;
import io.github.iotembeddings.support.TestDatabase;
import io.github.iotembeddings.support.TestDatabaseServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code schedule} as an operator runs it, in a process of its own, talking to PostgreSQL through an
 * in-process proxy that the tests use to cut the network: it heals by itself, its probes say what is
 * wrong, and it stops when told even while the database does not answer.
 */
class ScheduleFaultsIntegrationTests {

	private static final String EVERY_2_SECONDS = "--cron=0/2 * * * * ?";

	private static final String ADMIN_TOKEN = "a-test-admin-token-of-some-length";

	@Test
	void aPartitionMidSyncHealsWithoutARestartAndLosesNothing(@TempDir Path workingDir) throws Exception {
		try (TestDatabase db = TestDatabaseServer.get().createMigratedDatabase("heal");
				FaultyProxy proxy = FaultyProxy.inFrontOf(db.connection())) {
			// given a backlog being embedded by a scheduler (every 2 s, listening for changes) through the proxy
			List<Long> backlog = db.insertSimpleEvents(300);
			db.recordWrites(0.02);
			assertThat(CliRun.run(db.environment(), "install-trigger").exitCode()).isZero();
			int[] ports = Http.twoFreePorts();
			int management = ports[1];
			Map<String, String> environment = shortBounds(db, proxy, ports);
			Process scheduler = JarProcess.start(workingDir, environment, "schedule", EVERY_2_SECONDS);
			try {
				Await.until(Duration.ofSeconds(90), "chunks committed",
						() -> db.count("select count(*) from public.event_embeddings") >= 40);

				// when every open connection goes silent for good (new ones work), and an event arrives
				proxy.partition();
				long cut = System.nanoTime();
				long late = db.insertSimpleEvents(1).get(0);

				// then the same process embeds it, and the whole backlog, each event once, within 2 minutes
				Await.until(Duration.ofSeconds(120), "event " + late + " embedded after the partition",
						() -> db.count("select count(*) from public.event_embeddings where event_id = ?", late) == 1);
				Duration lateEmbedded = Duration.ofNanos(System.nanoTime() - cut);
				Await.until(Duration.ofSeconds(120), "the whole backlog", () -> db.missing() == 0);
				Duration allEmbedded = Duration.ofNanos(System.nanoTime() - cut);
				assertThat(db.count("select count(*) from embedding_writes")).as("each event written once")
					.isEqualTo(backlog.size() + 1);
				Await.until(Duration.ofSeconds(60), "no execution left running", () -> db.count(
						"select count(*) from batch_job_execution where status in ('STARTING', 'STARTED', 'STOPPING')") == 0);
				// and the change listener found its way back: a new event is embedded by a notification
				Await.until(Duration.ofSeconds(60), "the change listener to reconnect",
						() -> count(JarProcess.output(workingDir), "Listening for changes") >= 2);
				assertThat(Http.send(management, "GET", "/actuator/health/liveness", null)).isEqualTo(200);
				System.out.printf("schedule after a partition: new event embedded in %d ms, backlog in %d ms%n",
						lateEmbedded.toMillis(), allEmbedded.toMillis());
			}
			finally {
				scheduler.destroy();
				assertThat(scheduler.waitFor(30, TimeUnit.SECONDS)).as("stopped within 30 s").isTrue();
			}
		}
	}

	@Test
	void aSilentChangeListenerReconnectsAndSyncsOnTheNextChange(@TempDir Path workingDir) throws Exception {
		try (TestDatabase db = TestDatabaseServer.get().createMigratedDatabase("listen");
				FaultyProxy proxy = FaultyProxy.inFrontOf(db.connection())) {
			// given a scheduler whose cron fires once an hour, woken only by the change trigger's notifications
			db.insertSimpleEvents(1);
			assertThat(CliRun.run(db.environment(), "install-trigger").exitCode()).isZero();
			Map<String, String> environment = shortBounds(db, proxy, Http.twoFreePorts());
			Process scheduler = JarProcess.start(workingDir, environment, "schedule", "--cron=0 0 * * * ?");
			try {
				Await.until(Duration.ofSeconds(90), "the change listener",
						() -> JarProcess.output(workingDir).contains("Listening for changes"));
				Await.until(Duration.ofSeconds(60), "the first sync", () -> db.missing() == 0);

				// when its listening connection goes silent for good (and every other open one)
				proxy.partition();
				long cut = System.nanoTime();

				// then it listens again on a new connection, and the next insert is embedded by its notification
				Await.until(Duration.ofSeconds(60), "the change listener to reconnect",
						() -> count(JarProcess.output(workingDir), "Listening for changes") >= 2);
				long late = db.insertSimpleEvents(1).get(0);
				Await.until(Duration.ofSeconds(30), "event " + late + " embedded on its notification",
						() -> db.count("select count(*) from public.event_embeddings where event_id = ?", late) == 1);
				System.out.printf("silent LISTEN connection: listening again and syncing in %d ms%n",
						(System.nanoTime() - cut) / 1_000_000);
			}
			finally {
				scheduler.destroy();
				assertThat(scheduler.waitFor(30, TimeUnit.SECONDS)).isTrue();
			}
		}
	}

	@Test
	void sigtermEndsTheProcessWithin30SecondsWhileTheDatabaseDoesNotAnswer(@TempDir Path workingDir) throws Exception {
		try (TestDatabase db = TestDatabaseServer.get().createMigratedDatabase("sigterm");
				FaultyProxy proxy = FaultyProxy.inFrontOf(db.connection())) {
			// given a scheduler in the middle of a slow sync, with the default bounds (75 s reads)
			db.insertSimpleEvents(200);
			db.recordWrites(0.05);
			Map<String, String> environment = new HashMap<>(proxied(db, proxy));
			environment.put("SERVER_PORT", "0");
			environment.put("MANAGEMENT_SERVER_PORT", "0");
			Process scheduler = JarProcess.start(workingDir, environment, "schedule", EVERY_2_SECONDS);
			Await.until(Duration.ofSeconds(90), "a committed chunk",
					() -> db.count("select count(*) from public.event_embeddings") >= 1);

			// when the database stops answering, old connections and new ones alike, and Kubernetes sends SIGTERM
			proxy.partitionNewAndOpen();
			long signalled = System.nanoTime();
			scheduler.destroy();

			// then the process is gone within Kubernetes' default grace period, saying why
			assertThat(scheduler.waitFor(30, TimeUnit.SECONDS)).as(JarProcess.output(workingDir)).isTrue();
			System.out.printf("SIGTERM with the database silent: exited in %d ms, code %d%n",
					(System.nanoTime() - signalled) / 1_000_000, scheduler.exitValue());
		}
	}

	@Test
	void livenessGoesDownForAStuckPassAndUpWhenItHeals(@TempDir Path workingDir) throws Exception {
		try (TestDatabase db = TestDatabaseServer.get().createMigratedDatabase("stuck");
				FaultyProxy proxy = FaultyProxy.inFrontOf(db.connection())) {
			// given a scheduler in the middle of a slow sync, whose reads wait up to a minute, stalled after 5 s
			db.insertSimpleEvents(300);
			db.recordWrites(0.05);
			int[] ports = Http.twoFreePorts();
			int port = ports[1];
			Map<String, String> environment = new HashMap<>(proxied(db, proxy));
			environment.put("SERVER_PORT", String.valueOf(ports[0]));
			environment.put("MANAGEMENT_SERVER_PORT", String.valueOf(port));
			environment.put("EMBEDDINGS_DATABASE_STATEMENT_TIMEOUT", "50s");
			environment.put("EMBEDDINGS_DATABASE_SOCKET_TIMEOUT", "60s");
			environment.put("EMBEDDINGS_DATABASE_LOCK_SESSION_TIMEOUT", "12s");
			environment.put("EMBEDDINGS_HEALTH_STALL_TIME", "5s");
			environment.put("EMBEDDINGS_HEALTH_PROBE_INTERVAL", "1s");
			Process scheduler = JarProcess.start(workingDir, environment, "schedule", EVERY_2_SECONDS);
			try {
				Await.until(Duration.ofSeconds(90), "a committed chunk",
						() -> db.count("select count(*) from public.event_embeddings") >= 1);
				assertThat(Http.send(port, "GET", "/actuator/health/liveness", null)).isEqualTo(200);

				// when the sync's connection goes silent (new connections work: the database is fine)
				proxy.partition();
				long cut = System.nanoTime();

				// then liveness goes DOWN, naming the stuck thread, while readiness says the database answers
				Await.until(Duration.ofSeconds(45), "liveness DOWN",
						() -> status(port, "/actuator/health/liveness") == 503);
				long down = System.nanoTime();
				assertThat(Http.send(port, "GET", "/actuator/health/readiness", null)).isEqualTo(200);
				assertThat(JarProcess.output(workingDir)).contains("stalled since").contains("has shown no progress");

				// and once the read gives up and the next syncs run, liveness is UP again, by itself
				Await.until(Duration.ofSeconds(120), "liveness UP again",
						() -> status(port, "/actuator/health/liveness") == 200);
				System.out.printf("stuck pass: liveness DOWN %d ms after the cut, UP again %d ms later%n",
						(down - cut) / 1_000_000, (System.nanoTime() - down) / 1_000_000);
			}
			finally {
				scheduler.destroy();
				assertThat(scheduler.waitFor(30, TimeUnit.SECONDS)).isTrue();
			}
		}
	}

	@Test
	void anUnreachableDatabaseTurnsReadinessDownAndLeavesLivenessUp(@TempDir Path workingDir) throws Exception {
		try (TestDatabase db = TestDatabaseServer.get().createMigratedDatabase("unready");
				FaultyProxy proxy = FaultyProxy.inFrontOf(db.connection())) {
			// given a scheduler that is ready
			db.insertSimpleEvents(3);
			int[] ports = Http.twoFreePorts();
			int port = ports[1];
			Map<String, String> environment = shortBounds(db, proxy, ports);
			environment.put("EMBEDDINGS_HEALTH_STALL_TIME", "5s");
			environment.put("EMBEDDINGS_HEALTH_PROBE_INTERVAL", "1s");
			Process scheduler = JarProcess.start(workingDir, environment, "schedule", EVERY_2_SECONDS);
			try {
				Await.until(Duration.ofSeconds(90), "ready", () -> status(port, "/actuator/health/readiness") == 200);

				// when the database stops answering altogether, and events wait
				proxy.partitionNewAndOpen();
				db.insertSimpleEvents(3);

				// then readiness is DOWN, and liveness stays UP past the stall time: a restart brings no database back
				Await.until(Duration.ofSeconds(45), "readiness DOWN", () -> status(port, "/actuator/health/readiness") == 503);
				Await.until(Duration.ofSeconds(45), "a stall on an unreachable database",
						() -> JarProcess.output(workingDir).contains("because the database does not answer"));
				assertThat(status(port, "/actuator/health/liveness")).isEqualTo(200);

				// and when it answers again, readiness is UP and the events are embedded
				proxy.heal();
				long healed = System.nanoTime();
				Await.until(Duration.ofSeconds(60), "ready again", () -> status(port, "/actuator/health/readiness") == 200);
				System.out.printf("unreachable database: ready again %d ms after the network healed%n",
						(System.nanoTime() - healed) / 1_000_000);
				// (the connections the pools held through the outage are silent: they are replaced, not each
				// found out by a borrower)
				assertThat(JarProcess.output(workingDir)).contains("the connections opened before the outage are being replaced");
				try {
					Await.until(Duration.ofSeconds(60), "events embedded", () -> db.missing() == 0);
					System.out.printf("unreachable database: events embedded %d ms after the network healed%n",
							(System.nanoTime() - healed) / 1_000_000);
				}
				catch (AssertionError ex) {
					String output = JarProcess.output(workingDir);
					throw new AssertionError(ex.getMessage() + "; the database's sessions:\n" + db.sessions()
							+ "\nthe scheduler's last output:\n" + output.substring(Math.max(0, output.length() - 6000)), ex);
				}
			}
			finally {
				scheduler.destroy();
				assertThat(scheduler.waitFor(30, TimeUnit.SECONDS)).isTrue();
			}
		}
	}

	@Test
	void aFloodOfSyncRequestsDuringASyncLeavesOneFollowUp(@TempDir Path workingDir) throws Exception {
		try (TestDatabase db = TestDatabaseServer.get().createMigratedDatabase("flood")) {
			// given a scheduler whose cron fires once an hour, and a slow sync asked for over the admin API
			db.insertSimpleEvents(300);
			db.recordWrites(0.05);
			int[] ports = Http.twoFreePorts();
			int port = ports[0];
			Map<String, String> environment = new HashMap<>(db.environment());
			environment.put("SERVER_PORT", String.valueOf(port));
			environment.put("MANAGEMENT_SERVER_PORT", String.valueOf(ports[1]));
			environment.put("EMBEDDINGS_ADMIN_TOKEN", ADMIN_TOKEN);
			Process scheduler = JarProcess.start(workingDir, environment, "schedule", "--cron=0 0 * * * ?");
			try {
				Await.until(Duration.ofSeconds(90), "the admin API", () -> status(ports[1], "/actuator/health/readiness") == 200);
				assertThat(Http.send(port, "POST", "/admin/sync", ADMIN_TOKEN)).isEqualTo(202);
				// (past its first chunk: it reads newest first, so what arrives now is left to the next sync)
				Await.until(Duration.ofSeconds(60), "the sync past its first chunk",
						() -> db.count("select count(*) from public.event_embeddings") >= 1);

				// when a hundred more syncs are asked for while it runs, and new events arrive
				db.insertSimpleEvents(5);
				long maxTriggers = 0;
				for (int i = 0; i < 100; i++) {
					assertThat(Http.send(port, "POST", "/admin/sync", ADMIN_TOKEN)).isEqualTo(202);
					maxTriggers = Math.max(maxTriggers, db.count("select count(*) from qrtz_triggers where job_name = 'sync'"));
				}

				// then at most one follow-up is stored beside the cron trigger, and exactly one more sync runs
				assertThat(maxTriggers).as("sync triggers stored during the flood").isLessThanOrEqualTo(2);
				Await.until(Duration.ofSeconds(120), "every event embedded", () -> db.missing() == 0);
				Await.until(Duration.ofSeconds(30), "the follow-up trigger gone",
						() -> db.count("select count(*) from qrtz_triggers where job_name = 'sync'") == 1);
				assertThat(db.count("select count(*) from batch_job_execution")).as("the first sync and one follow-up")
					.isEqualTo(2);
			}
			finally {
				scheduler.destroy();
				assertThat(scheduler.waitFor(30, TimeUnit.SECONDS)).isTrue();
			}
		}
	}

	/** The tool's variables for the database behind the proxy. */
	private static Map<String, String> proxied(TestDatabase db, FaultyProxy proxy) {
		Map<String, String> environment = new HashMap<>(db.environment());
		environment.put("DATABASE_URL", proxy.through(db.connection()).jdbcUrl());
		return environment;
	}

	/** Statements 2 s, reads 4 s, idle in a transaction 3 s, lock sessions 8 s: a partition costs seconds. */
	private static Map<String, String> shortBounds(TestDatabase db, FaultyProxy proxy, int[] ports) {
		Map<String, String> environment = new HashMap<>(proxied(db, proxy));
		environment.put("SERVER_PORT", String.valueOf(ports[0]));
		environment.put("MANAGEMENT_SERVER_PORT", String.valueOf(ports[1]));
		environment.put("EMBEDDINGS_JOB_CHUNK_SIZE", "10");
		environment.put("EMBEDDINGS_DATABASE_STATEMENT_TIMEOUT", "2s");
		environment.put("EMBEDDINGS_DATABASE_SOCKET_TIMEOUT", "4s");
		environment.put("EMBEDDINGS_DATABASE_IDLE_IN_TRANSACTION_TIMEOUT", "3s");
		environment.put("EMBEDDINGS_DATABASE_LOCK_SESSION_TIMEOUT", "8s");
		environment.put("EMBEDDINGS_DATABASE_POOL_WAIT", "5s");
		return environment;
	}

	private static int status(int port, String path) {
		try {
			return Http.send(port, "GET", path, null);
		}
		catch (Exception ex) {
			return -1;
		}
	}

	private static int count(String text, String what) {
		int count = 0;
		for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + 1)) {
			count++;
		}
		return count;
	}

}
