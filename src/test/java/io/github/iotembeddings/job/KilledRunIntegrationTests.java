package io.github.iotembeddings.job;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.iotembeddings.common.Refusal;
import io.github.iotembeddings.run.PassResult;
import io.github.iotembeddings.support.Await;
import io.github.iotembeddings.support.JarProcess;
import io.github.iotembeddings.support.OnThread;
import io.github.iotembeddings.support.TestApplication;
import io.github.iotembeddings.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A real {@code sync} process killed with SIGKILL mid-run, then a restart or a sync (in-process); and a
 * restart refused while its run is alive.
 */
class KilledRunIntegrationTests {

	@Test
	void restartRecoversARunWhoseProcessWasKilled(@TempDir Path workingDir) throws Exception {
		try (TestApplication app = TestApplication.of("killed").chunkSize(5).start()) {
			// given 60 events, and writes slowed down by the database so the run lasts several seconds
			TestDatabase db = app.db();
			List<Long> ids = db.insertSimpleEvents(60);
			db.recordWrites(0.05);

			// when the process is killed after its first committed chunk
			JarProcess.killAfterFirstCommittedChunk(db, workingDir, "sync", "--chunk-size=5");

			// then the execution is left STARTED with part of the events embedded
			assertThat(db.jdbc().queryForObject("select status from batch_job_execution", String.class)).isEqualTo("STARTED");
			long committed = db.count("select count(*) from public.event_embeddings");
			assertThat(committed).isBetween(5L, 55L);
			long executionId = db.count("select job_execution_id from batch_job_execution");

			// when it is restarted
			PassResult restart = app.restart(executionId);

			// then every event is embedded exactly once, and only the rest was read
			assertThat(restart.completed()).as(restart.failure()).isTrue();
			assertThat(db.missing()).isZero();
			assertThat(db.count("select count(*) from embedding_writes")).isEqualTo(ids.size());
			assertThat(db.count("select count(distinct event_id) from embedding_writes")).isEqualTo(ids.size());
			assertThat(db.jdbc().queryForList("select status from batch_job_execution order by job_execution_id",
					String.class)).containsExactly("FAILED", "COMPLETED");
			assertThat(db.count("""
					select read_count from batch_step_execution
					where job_execution_id = (select max(job_execution_id) from batch_job_execution)"""))
				.isEqualTo(ids.size() - committed);
		}
	}

	@Test
	void nextSyncResumesARunWhoseProcessWasKilled(@TempDir Path workingDir) throws Exception {
		try (TestApplication app = TestApplication.of("killed_sync").chunkSize(5).start()) {
			// given a backfill of 40 of 60 events, killed after its first committed chunk
			TestDatabase db = app.db();
			List<Long> ids = db.insertSimpleEvents(60);
			db.recordWrites(0.05);
			JarProcess.killAfterFirstCommittedChunk(db, workingDir, "backfill", "--limit=40", "--chunk-size=5");

			// when the next sync runs, with no manual step
			PassResult sync = app.sync();

			// then the killed backfill was recovered and finished its own share, the sync did the rest,
			// and every event was written exactly once
			assertThat(sync.completed()).as(sync.failure()).isTrue();
			assertThat(db.missing()).isZero();
			assertThat(db.count("select count(*) from embedding_writes")).isEqualTo(ids.size());
			assertThat(db.count("select count(distinct event_id) from embedding_writes")).isEqualTo(ids.size());
			assertThat(db.jdbc().queryForList("select status from batch_job_execution order by job_execution_id",
					String.class)).containsExactly("FAILED", "COMPLETED", "COMPLETED");
			assertThat(db.count("""
					select sum(se.read_count) from batch_step_execution se
					join batch_job_execution je on je.job_execution_id = se.job_execution_id
					join batch_job_execution_params p on p.job_execution_id = je.job_execution_id
					  and p.parameter_name = 'limit'""")).as("the backfill, killed and resumed, read its 40 once")
				.isEqualTo(40);
		}
	}

	@Test
	void syncKilledMidRunIsFinishedByTheNextSync(@TempDir Path workingDir) throws Exception {
		try (TestApplication app = TestApplication.of("killed_sync_sync").chunkSize(5).start()) {
			// given a sync killed with SIGKILL after its first committed chunk
			TestDatabase db = app.db();
			List<Long> ids = db.insertSimpleEvents(40);
			db.recordWrites(0.05);
			JarProcess.killAfterFirstCommittedChunk(db, workingDir, "sync", "--chunk-size=5");

			// when sync starts again
			PassResult again = app.sync();

			// then it recovers the killed run, and every row is embedded exactly once
			assertThat(again.completed()).as(again.failure()).isTrue();
			assertThat(db.missing()).isZero();
			assertThat(db.count("select count(*) from embedding_writes")).isEqualTo(ids.size());
			assertThat(db.count("select count(distinct event_id) from embedding_writes")).isEqualTo(ids.size());
			assertThat(db.jdbc().queryForList("select status from batch_job_execution order by job_execution_id",
					String.class)).startsWith("FAILED", "COMPLETED");
		}
	}

	@Test
	void restartRefusesARunThatIsStillAlive() throws Exception {
		try (TestApplication app = TestApplication.of("alive").chunkSize(5).start()) {
			// given a run in progress, slowed down by the database
			TestDatabase db = app.db();
			db.insertSimpleEvents(30);
			db.recordWrites(0.1);
			CompletableFuture<PassResult> sync = OnThread.start("sync", app::sync);
			Await.until(Duration.ofSeconds(60), "a committed chunk",
					() -> db.count("select count(*) from public.event_embeddings") >= 5);
			long executionId = db.count("select job_execution_id from batch_job_execution");

			// when someone tries to restart it meanwhile, then it is refused
			assertThatThrownBy(() -> app.restart(executionId)).isInstanceOf(Refusal.class)
				.hasMessageContaining("still STARTED in a running process");

			// and the live run completes undisturbed
			PassResult completed = sync.get(120, TimeUnit.SECONDS);
			assertThat(completed.completed()).as(completed.failure()).isTrue();
			assertThat(db.missing()).isZero();
			assertThat(db.count("select count(*) from batch_job_execution")).isEqualTo(1);
		}
	}

}
