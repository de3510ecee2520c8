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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job's connections cut by the server mid-run: a clean failure, nothing half-written, and the next run
 * completes. The cut lands at twenty different moments of a run, from its first chunk to the recording of
 * its end, so the moments where Batch itself is writing (a chunk's commit, the step's failure, the job's
 * end) are among them.
 */
@ExtendWith(OutputCaptureExtension.class)
class DatabaseOutageIntegrationTests {

	@RegisterExtension
	static final TestApplication app = TestApplication.of("outage").chunkSize(5);

	@BeforeAll
	static void slowWrites() {
		app.db().recordWrites(0.05);
	}

	@Test
	void terminatedBackendsFailTheRunCleanlyAndTheNextSyncCompletes(CapturedOutput output) throws Exception {
		// given a slow sync in progress
		TestDatabase db = app.db();
		long before = db.count("select count(*) from public.event_embeddings");
		List<Long> ids = db.insertSimpleEvents(50);
		CompletableFuture<PassResult> sync = OnThread.start("sync", app::sync);
		Await.until(Duration.ofSeconds(60), "a committed chunk",
				() -> db.count("select count(*) from public.event_embeddings") >= before + 5);

		// when every connection of the job is terminated by the server
		terminateTheToolsSessions(db);

		// then the run ends failed, saying why in one line, with only whole chunks written
		PassResult failed = sync.get(120, TimeUnit.SECONDS);
		assertThat(failed.completed()).isFalse();
		assertThat(failed.failure()).contains("restart ").doesNotContain("\n");
		assertThat(output.getAll()).doesNotContain("\tat ");
		long written = db.count("select count(*) from public.event_embeddings") - before;
		assertThat(written % 5).as("whole chunks only").isZero();

		// and the next syncs complete the work, each event written once
		completeAndCheck(db, before + ids.size());
	}

	@ParameterizedTest(name = "cut {0} ms after the first chunk")
	@ValueSource(ints = { 0, 37, 74, 111, 148, 185, 222, 259, 296, 333, 370, 407, 444, 481, 518, 555, 592, 629, 666, 703 })
	void aCutAtAnyMomentFailsOnlyThatRunAndNeverThrows(int cutAfterMillis) throws Exception {
		// given a short sync in progress (10 chunks of 5 slowed writes, about 3 s)
		TestDatabase db = app.db();
		long before = db.count("select count(*) from public.event_embeddings");
		List<Long> ids = db.insertSimpleEvents(50);
		CompletableFuture<PassResult> sync = OnThread.start("sync", app::sync);
		Await.until(Duration.ofSeconds(60), "a committed chunk",
				() -> db.count("select count(*) from public.event_embeddings") > before);

		// when every session of the tool is cut at this moment of the run
		Thread.sleep(cutAfterMillis);
		terminateTheToolsSessions(db);

		// then the pass returns (never an exception out of it), and says why in one line when it failed
		PassResult result = sync.get(120, TimeUnit.SECONDS);
		if (!result.completed()) {
			assertThat(result.failure()).isNotBlank().doesNotContain("\n");
		}

		// and the next syncs complete the work, each event written once
		completeAndCheck(db, before + ids.size());
	}

	private static void terminateTheToolsSessions(TestDatabase db) {
		db.jdbc().queryForList("""
				select pg_terminate_backend(pid) from pg_stat_activity
				where datname = current_database() and application_name = 'iot-embeddings'""");
	}

	private static void completeAndCheck(TestDatabase db, long expected) {
		Await.until(Duration.ofSeconds(90), "a sync that completes with nothing missing", () -> {
			PassResult next = app.sync();
			return next.completed() && next.outcome() != PassResult.Outcome.BUSY && db.missing() == 0;
		});
		assertThat(db.count("select count(*) from embedding_writes")).as("each event written once").isEqualTo(expected);
		assertThat(db.count("select count(*) from batch_job_execution where status in ('STARTING', 'STARTED', 'STOPPING')"))
			.as("no execution left running").isZero();
	}

}
