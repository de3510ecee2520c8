package io.github.iotembeddings.job;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.iotembeddings.run.PassResult;
import io.github.iotembeddings.support.Await;
import io.github.iotembeddings.support.OnThread;
import io.github.iotembeddings.support.TestApplication;
import io.github.iotembeddings.support.TestDatabase;
import io.github.iotembeddings.support.TestDatabaseServer;
import io.github.iotembeddings.support.ThrowawayServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL restarts in the middle of a sync (a crash, a failover, a minor upgrade), on a throw-away
 * instance of its own: the sync fails cleanly, and once the server is back the next sync embeds every
 * event exactly once, with the same process and pool.
 */
class ServerRestartIntegrationTests {

	@Test
	void aServerRestartMidSyncFailsThatRunOnlyAndTheNextSyncCompletes() throws Exception {
		assertThat(ThrowawayServer.available()).as("root and the PostgreSQL 15 binaries, to run a server of its own")
			.isTrue();
		try (ThrowawayServer server = ThrowawayServer.plain();
				TestDatabase db = TestDatabaseServer.on(server.connection()).createMigratedDatabase("restart");
				TestApplication app = TestApplication.of("restart").chunkSize(5).on(db).start()) {
			// given a slow sync in progress
			List<Long> ids = db.insertSimpleEvents(60);
			db.recordWrites(0.05);
			CompletableFuture<PassResult> sync = OnThread.start("sync", app::sync);
			Await.until(Duration.ofSeconds(60), "a committed chunk",
					() -> db.count("select count(*) from public.event_embeddings") >= 5);

			// when the server stops at once (no checkpoint, every session cut) and starts again
			long restarted = System.nanoTime();
			server.restart();

			// then the sync ends failed in one line, and the next ones embed every event, each once
			PassResult failed = sync.get(120, TimeUnit.SECONDS);
			assertThat(failed.completed()).isFalse();
			assertThat(failed.failure()).doesNotContain("\n");
			Await.until(Duration.ofSeconds(90), "a sync that completes with nothing missing", () -> {
				PassResult next = app.sync();
				return next.completed() && next.outcome() != PassResult.Outcome.BUSY && db.missing() == 0;
			});
			System.out.printf("server restart mid-sync: all embedded %d ms after the restart began%n",
					(System.nanoTime() - restarted) / 1_000_000);
			assertThat(db.count("select count(*) from embedding_writes")).isEqualTo(ids.size());
			assertThat(db.count("select count(*) from batch_job_execution where status in ('STARTING', 'STARTED', 'STOPPING')"))
				.isZero();
		}
	}

}
