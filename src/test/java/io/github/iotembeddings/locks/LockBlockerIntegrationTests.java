package io.github.iotembeddings.locks;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.iotembeddings.run.PassResult;
import io.github.iotembeddings.support.Await;
import io.github.iotembeddings.support.OnThread;
import io.github.iotembeddings.support.TestApplication;
import io.github.iotembeddings.support.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Someone holds an ACCESS EXCLUSIVE lock the sync needs (a DDL left in an open transaction, a
 * {@code lock table}): the sync gives up after {@code lock-timeout}, names the session that holds the
 * lock, and the next one, after the lock is gone, embeds everything.
 */
class LockBlockerIntegrationTests {

	private static final String BLOCKER = "lock-holder-test";

	@Test
	void aLockHeldBeforeTheSyncFailsItNamingTheHolderAndTheNextSyncCompletes() throws Exception {
		try (TestApplication app = TestApplication.of("blocker").property("embeddings.database.lock-timeout", "1s").start();
				Connection holder = app.db().jdbc().getDataSource().getConnection()) {
			// given new events, and a session that holds an ACCESS EXCLUSIVE lock on the events table
			TestDatabase db = app.db();
			db.insertSimpleEvents(20);
			int pid = lockInOpenTransaction(holder, "public.iot_events");

			// when a sync runs
			PassResult blocked = app.sync();

			// then it fails in one line naming the holder: pid, application_name, state, its query
			assertThat(blocked.completed()).isFalse();
			assertThat(blocked.failure()).doesNotContain("\n")
				.contains("blocked by pid " + pid)
				.contains("application '" + BLOCKER + "'")
				.contains("idle in transaction")
				.contains("lock table public.iot_events in access exclusive mode")
				.contains("lock timeout");

			// and once the lock is released, the next sync embeds every event
			holder.rollback();
			PassResult next = app.sync();
			assertThat(next.completed()).as(next.failure()).isTrue();
			assertThat(db.missing()).isZero();
		}
	}

	@Test
	void aLockTakenDuringARunFailsItsExecutionNamingTheHolder() throws Exception {
		try (TestApplication app = TestApplication.of("blocker_mid_run").chunkSize(5)
			.property("embeddings.database.lock-timeout", "1s")
			.start(); Connection holder = app.db().jdbc().getDataSource().getConnection()) {
			// given a slow sync in progress
			TestDatabase db = app.db();
			List<Long> ids = db.insertSimpleEvents(40);
			db.recordWrites(0.05);
			CompletableFuture<PassResult> sync = OnThread.start("sync", app::sync);
			Await.until(Duration.ofSeconds(60), "a committed chunk",
					() -> db.count("select count(*) from public.event_embeddings") >= 5);

			// when another session takes the embeddings table for itself
			int pid = lockInOpenTransaction(holder, "public.event_embeddings");

			// then the execution fails, and its exit description (what the executions list and the console
			// show) names the holder
			PassResult failed = sync.get(60, TimeUnit.SECONDS);
			assertThat(failed.completed()).isFalse();
			long executionId = failed.ran().orElseThrow().getId();
			String exit = db.jdbc().queryForObject(
					"select exit_message from batch_job_execution where job_execution_id = ?", String.class, executionId);
			assertThat(exit).startsWith("cause: blocked by pid " + pid).contains(BLOCKER);
			assertThat(failed.failure()).contains("blocked by pid " + pid);

			// and after the holder lets go, the next sync resumes the work, each event written once
			holder.rollback();
			Await.until(Duration.ofSeconds(60), "a completed sync", () -> app.sync().completed() && db.missing() == 0);
			assertThat(db.count("select count(*) from embedding_writes")).isEqualTo(ids.size());
		}
	}

	/** @return the holding session's pid; its transaction stays open until the test rolls it back */
	private static int lockInOpenTransaction(Connection holder, String table) throws Exception {
		holder.setAutoCommit(false);
		try (Statement statement = holder.createStatement()) {
			statement.execute("set application_name = '" + BLOCKER + "'");
			int pid;
			try (var rs = statement.executeQuery("select pg_backend_pid()")) {
				rs.next();
				pid = rs.getInt(1);
			}
			// Last, so it is the statement pg_stat_activity shows for the session.
			statement.execute("lock table " + table + " in access exclusive mode");
			return pid;
		}
	}

}
