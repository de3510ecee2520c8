package io.github.iotembeddings.executions;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.iotembeddings.common.Refusal;
import io.github.iotembeddings.run.PassResult;
import io.github.iotembeddings.support.Await;
import io.github.iotembeddings.support.CliRun;
import io.github.iotembeddings.support.JarProcess;
import io.github.iotembeddings.support.OnThread;
import io.github.iotembeddings.support.TestApplication;
import io.github.iotembeddings.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Stop and abandon, as the console and the CLI ask for them: a stop reaches a run in another process
 * (a real {@code backfill} process) and in this one, and the stopped run restarts with nothing lost; an
 * abandoned run is given up and its events are embedded by the next sync; what the state forbids is
 * refused with one line saying why.
 */
class ExecutionControlIntegrationTests {

	@Test
	void stopReachesARunInAnotherProcessWhichEndsStoppedAndRestarts(@TempDir Path workingDir) throws Exception {
		try (TestApplication app = TestApplication.of("stop_other").chunkSize(5).start()) {
			// given a backfill of 100 events running in another process, its writes slowed down by the database
			TestDatabase db = app.db();
			List<Long> ids = db.insertSimpleEvents(100);
			db.recordWrites(0.05);
			Process backfill = JarProcess.start(workingDir, db.environment(), "backfill", "--limit=100", "--chunk-size=5");
			Await.until(Duration.ofSeconds(90), "a committed chunk",
					() -> db.count("select count(*) from public.event_embeddings") >= 5);
			long executionId = db.count("select job_execution_id from batch_job_execution");
			assertThat(app.bean(ExecutionHistory.class).detail(executionId).orElseThrow().actions())
				.isEqualTo(new ExecutionDetail.Actions(false, true, false));

			// when this process asks it to stop
			app.bean(ExecutionControl.class).stop(executionId);

			// then the other process's run ends STOPPED after its current chunk, before the end of its events
			assertThat(backfill.waitFor(120, TimeUnit.SECONDS)).as(JarProcess.output(workingDir)).isTrue();
			assertThat(JarProcess.output(workingDir)).contains("STOPPED");
			assertThat(db.jdbc().queryForObject("select status from batch_job_execution", String.class)).isEqualTo("STOPPED");
			assertThat(db.jdbc().queryForObject("select status from batch_step_execution", String.class)).isEqualTo("STOPPED");
			long embedded = db.count("select count(*) from public.event_embeddings");
			assertThat(embedded).isBetween(5L, 95L);
			assertThat(app.bean(ExecutionHistory.class).detail(executionId).orElseThrow().actions())
				.isEqualTo(new ExecutionDetail.Actions(true, false, true));

			// when it is restarted, then it goes on after its last committed chunk and every event is written once
			PassResult restart = app.restart(executionId);
			assertThat(restart.completed()).as(restart.failure()).isTrue();
			assertThat(db.missing()).isZero();
			assertThat(db.count("select count(*) from embedding_writes")).isEqualTo(ids.size());
			assertThat(db.count("select count(distinct event_id) from embedding_writes")).isEqualTo(ids.size());
			assertThat(db.count("""
					select read_count from batch_step_execution
					where job_execution_id = (select max(job_execution_id) from batch_job_execution)"""))
				.isEqualTo(ids.size() - embedded);
			long restartedAs = restart.ran().orElseThrow().getId();
			assertThat(app.bean(ExecutionHistory.class).detail(executionId).orElseThrow().restartedAs()).isEqualTo(restartedAs);

			// and the stopped execution, resumed, can no longer be abandoned
			assertThatThrownBy(() -> app.bean(ExecutionControl.class).abandon(executionId))
				.isInstanceOf(Refusal.class)
				.hasMessage("execution " + executionId + " was already restarted as execution " + restartedAs
						+ ", which is COMPLETED");
		}
	}

	@Test
	void stopReachesARunOfThisProcess() throws Exception {
		try (TestApplication app = TestApplication.of("stop_here").chunkSize(5).start()) {
			// given a backfill running on another thread of this process
			TestDatabase db = app.db();
			db.insertSimpleEvents(60);
			db.recordWrites(0.05);
			CompletableFuture<PassResult> backfill = OnThread.start("backfill", () -> app.backfill(60));
			Await.until(Duration.ofSeconds(60), "a committed chunk",
					() -> db.count("select count(*) from public.event_embeddings") >= 5);
			long executionId = db.count("select job_execution_id from batch_job_execution");

			// when it is asked to stop, twice
			ExecutionControl control = app.bean(ExecutionControl.class);
			control.stop(executionId);
			assertThatThrownBy(() -> control.stop(executionId)).isInstanceOf(Refusal.class)
				.hasMessageMatching("execution \\d+ is (already STOPPING: it stops after its current chunk commits"
						+ "|STOPPED: only a running execution can be stopped)");

			// then the pass ends STOPPED with part of the events, and a sync embeds the rest
			PassResult stopped = backfill.get(120, TimeUnit.SECONDS);
			JobExecution execution = stopped.ran().orElseThrow();
			assertThat(execution.getStatus()).isEqualTo(BatchStatus.STOPPED);
			assertThat(db.count("select count(*) from public.event_embeddings")).isBetween(5L, 55L);
			assertThat(app.sync().completed()).isTrue();
			assertThat(db.missing()).isZero();
			assertThat(db.count("select count(distinct event_id) from embedding_writes"))
				.isEqualTo(db.count("select count(*) from embedding_writes"));
		}
	}

	@Test
	void abandonGivesUpAFailedRunWhoseEventsTheNextSyncEmbeds() throws Exception {
		try (TestApplication app = TestApplication.of("abandon").start()) {
			// given a run that failed
			TestDatabase db = app.db();
			db.insertSimpleEvents(12);
			db.jdbc().execute("create function reject_all() returns trigger language plpgsql as $$"
					+ " begin raise exception 'simulated outage'; end $$");
			db.jdbc().execute("create trigger reject_all before insert on public.event_embeddings"
					+ " for each row execute function reject_all()");
			JobExecution failed = app.startJob(5);
			assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
			db.jdbc().execute("drop trigger reject_all on public.event_embeddings");
			long id = failed.getId();
			ExecutionControl control = app.bean(ExecutionControl.class);
			ExecutionHistory history = app.bean(ExecutionHistory.class);
			assertThat(history.detail(id).orElseThrow().actions()).isEqualTo(new ExecutionDetail.Actions(true, false, true));

			// when it is stopped, then that is refused: it does not run
			assertThatThrownBy(() -> control.stop(id)).isInstanceOf(Refusal.class)
				.hasMessage("execution " + id + " is FAILED: only a running execution can be stopped");

			// when it is abandoned
			control.abandon(id);

			// then it is ABANDONED, offers nothing, and can be neither restarted nor abandoned again
			assertThat(db.jdbc().queryForObject("select status from batch_job_execution where job_execution_id = ?",
					String.class, id)).isEqualTo("ABANDONED");
			assertThat(history.detail(id).orElseThrow().actions()).isEqualTo(ExecutionDetail.Actions.NONE);
			assertThatThrownBy(() -> app.restart(id)).isInstanceOf(Refusal.class)
				.hasMessage("execution " + id + " is ABANDONED: only FAILED or STOPPED executions can be restarted");
			assertThatThrownBy(() -> control.abandon(id)).isInstanceOf(Refusal.class)
				.hasMessage("execution " + id + " is ABANDONED: only FAILED or STOPPED executions can be abandoned");

			// and the next sync embeds the events it left
			assertThat(app.sync().completed()).isTrue();
			assertThat(db.missing()).isZero();

			// and an id of no execution is told apart, by the command line too (exit code 2, one line)
			assertThatThrownBy(() -> control.stop(999_999)).isInstanceOf(NoSuchExecutionException.class);
			assertThatThrownBy(() -> control.abandon(999_999)).isInstanceOf(NoSuchExecutionException.class);
			CliRun stop = CliRun.run(app.environment(), "stop", "999999");
			assertThat(stop.exitCode()).as(stop.toString()).isEqualTo(2);
			assertThat(stop.err().strip()).isEqualTo("error: no embedding job execution with id 999999: run `executions`"
					+ " to list them");
			CliRun abandon = CliRun.run(app.environment(), "abandon", String.valueOf(id));
			assertThat(abandon.exitCode()).as(abandon.toString()).isEqualTo(2);
			assertThat(abandon.err().strip()).isEqualTo("error: execution " + id
					+ " is ABANDONED: only FAILED or STOPPED executions can be abandoned");
		}
	}

	@Test
	void aRunWhoseProcessWasKilledIsAbandonedOrRestartedNotStopped(@TempDir Path workingDir) throws Exception {
		try (TestApplication app = TestApplication.of("abandon_killed").chunkSize(5).start()) {
			// given a sync whose process was killed after its first committed chunk: left STARTED
			TestDatabase db = app.db();
			db.insertSimpleEvents(40);
			db.recordWrites(0.05);
			JarProcess.killAfterFirstCommittedChunk(db, workingDir, "sync", "--chunk-size=5");
			long killed = db.count("select job_execution_id from batch_job_execution");
			ExecutionControl control = app.bean(ExecutionControl.class);
			ExecutionHistory history = app.bean(ExecutionHistory.class);

			// then it can be restarted or abandoned, not stopped: nothing runs it
			assertThat(history.detail(killed).orElseThrow().actions()).isEqualTo(new ExecutionDetail.Actions(true, false, true));
			assertThatThrownBy(() -> control.stop(killed)).isInstanceOf(Refusal.class)
				.hasMessage("execution " + killed + " is marked STARTED but the process that ran it is gone: restart it to"
						+ " resume it, or abandon it");

			// when it is abandoned, then it is marked FAILED, then ABANDONED, and the next sync embeds the rest
			control.abandon(killed);
			assertThat(db.jdbc().queryForObject("select status from batch_job_execution where job_execution_id = ?",
					String.class, killed)).isEqualTo("ABANDONED");
			PassResult sync = app.sync();
			assertThat(sync.completed()).as(sync.failure()).isTrue();
			assertThat(db.missing()).isZero();
			assertThat(db.count("select count(distinct event_id) from embedding_writes"))
				.isEqualTo(db.count("select count(*) from embedding_writes"));

			// and a completed one is refused with its reason
			long completed = sync.ran().orElseThrow().getId();
			assertThatThrownBy(() -> control.abandon(completed)).isInstanceOf(Refusal.class)
				.hasMessage("execution " + completed + " is COMPLETED: only FAILED or STOPPED executions can be abandoned");
		}
	}

}
