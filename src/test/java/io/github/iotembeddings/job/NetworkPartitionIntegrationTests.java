package io.github.iotembeddings.job;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.iotembeddings.run.PassResult;
import io.github.iotembeddings.support.CliRun;
import io.github.iotembeddings.support.FaultyProxy;
import io.github.iotembeddings.support.Await;
import io.github.iotembeddings.support.OnThread;
import io.github.iotembeddings.support.TestApplication;
import io.github.iotembeddings.support.TestDatabase;
import io.github.iotembeddings.support.TestDatabaseServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The network between the tool and PostgreSQL goes silent in the middle of a sync (a partition: no FIN,
 * no RST; new connections work a moment later), through an in-process proxy. The bounds are short so the
 * test is: statements 2 s, reads 4 s, idle-in-transaction 3 s, lock sessions 8 s.
 */
class NetworkPartitionIntegrationTests {

	private static TestApplication partitionable(String purpose) {
		return TestApplication.of(purpose)
			.chunkSize(5)
			.throughFaultyProxy()
			.property("embeddings.database.statement-timeout", "2s")
			.property("embeddings.database.socket-timeout", "4s")
			.property("embeddings.database.idle-in-transaction-timeout", "3s")
			.property("embeddings.database.lock-session-timeout", "8s")
			.property("embeddings.database.pool-wait", "5s");
	}

	@Test
	void aPartitionMidChunkFailsTheRunWithinItsBoundsAndTheNextSyncsEmbedEveryEventOnce() throws Exception {
		try (TestApplication app = partitionable("partition").start()) {
			// given a slow sync in progress through the proxy
			TestDatabase db = app.db();
			List<Long> ids = db.insertSimpleEvents(60);
			db.recordWrites(0.1);
			CompletableFuture<PassResult> sync = OnThread.start("sync", app::sync);
			Await.until(Duration.ofSeconds(60), "a committed chunk",
					() -> db.count("select count(*) from public.event_embeddings") >= 5);

			// when every open connection goes silent for good, while new ones work
			long cut = System.nanoTime();
			app.proxy().partition();

			// then the sync ends within its bounds, failed, in one line, without an exception
			PassResult failed = sync.get(60, TimeUnit.SECONDS);
			Duration detected = Duration.ofNanos(System.nanoTime() - cut);
			assertThat(failed.completed()).isFalse();
			assertThat(failed.failure()).doesNotContain("\n").isNotBlank();
			assertThat(detected).as("the silent connection is given up by its read timeout").isLessThan(Duration.ofSeconds(30));

			// and the next syncs, once the server has ended the dead sessions, embed every event exactly once,
			// leaving no execution STARTED
			long healed = System.nanoTime();
			try {
				Await.until(Duration.ofSeconds(90), "a sync that completes with nothing missing", () -> {
					PassResult next = app.sync();
					return next.completed() && next.outcome() != PassResult.Outcome.BUSY && db.missing() == 0;
				});
			}
			catch (AssertionError ex) {
				throw new AssertionError(ex.getMessage() + "; the database's sessions:\n" + db.sessions(), ex);
			}
			Duration recovered = Duration.ofNanos(System.nanoTime() - healed);
			assertThat(db.count("select count(*) from embedding_writes")).as("each event written once").isEqualTo(ids.size());
			assertThat(db.count("select count(*) from batch_job_execution where status in ('STARTING', 'STARTED', 'STOPPING')"))
				.as("no execution left running").isZero();
			System.out.printf("partition mid-chunk: detected in %d ms, all embedded %d ms after%n", detected.toMillis(),
					recovered.toMillis());
		}
	}

	@Test
	void aSyncThatCannotReachTheDatabaseFailsInOneLineWithinItsBounds() throws Exception {
		try (TestApplication app = partitionable("unreachable").start()) {
			// given a database that accepts connections and then says nothing, old ones and new ones alike
			app.db().insertSimpleEvents(3);
			app.proxy().partitionNewAndOpen();

			// when a sync runs
			long started = System.nanoTime();
			PassResult failed = app.sync();
			Duration took = Duration.ofNanos(System.nanoTime() - started);

			// then it fails in one line within its bounds, without an exception
			assertThat(failed.completed()).isFalse();
			assertThat(failed.failure()).doesNotContain("\n").isNotBlank();
			assertThat(took).isLessThan(Duration.ofSeconds(60));

			// and once the network is back, a sync embeds the events
			app.proxy().heal();
			Await.until(Duration.ofSeconds(60), "a completed sync", () -> {
				PassResult next = app.sync();
				return next.completed() && app.db().missing() == 0;
			});
		}
	}

	@Test
	void aSlowNetworkMakesASyncSlowerNeverFailed() {
		try (TestApplication app = TestApplication.of("slow_network").chunkSize(5).throughFaultyProxy().start()) {
			// given events to embed, and a network that holds every packet for 20 ms, both ways
			TestDatabase db = app.db();
			db.insertSimpleEvents(30);
			app.proxy().delay(Duration.ofMillis(20));

			// when a sync runs
			PassResult sync = app.sync();

			// then it completes, no chunk rolled back
			assertThat(sync.completed()).as(sync.failure()).isTrue();
			assertThat(db.missing()).isZero();
			assertThat(sync.ran().orElseThrow().getStepExecutions())
				.allSatisfy(step -> assertThat(step.getRollbackCount()).isZero());
		}
	}

	@Test
	void theSyncCommandFailsInOneLineWithinItsBoundsWhenTheDatabaseDoesNotAnswer() throws Exception {
		try (TestDatabase db = TestDatabaseServer.get().createMigratedDatabase("silent_server");
				FaultyProxy proxy = FaultyProxy.inFrontOf(db.connection())) {
			// given a database that accepts connections and then says nothing (what a CronJob meets in a partition)
			proxy.partitionNewAndOpen();
			Map<String, String> environment = new HashMap<>(db.environment());
			environment.put("DATABASE_URL", proxy.through(db.connection()).jdbcUrl());
			environment.put("EMBEDDINGS_DATABASE_CONNECT_TIMEOUT", "3s");

			// when the sync command runs
			long started = System.nanoTime();
			CliRun sync = CliRun.run(environment, "sync");
			Duration took = Duration.ofNanos(System.nanoTime() - started);

			// then it fails with one line naming the server, within its connect bound, instead of hanging
			assertThat(sync.exitCode()).as(sync.toString()).isNotZero();
			assertThat(sync.err().strip()).doesNotContain("\n").contains("cannot connect to").contains("timed out");
			assertThat(took).isLessThan(Duration.ofSeconds(30));
			System.out.printf("sync against a silent server: exit %d in %d ms%n", sync.exitCode(), took.toMillis());
		}
	}

}
