package io.github.iotembeddings.sync;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import io.github.iotembeddings.executions.ExecutionRetention;
import io.github.iotembeddings.run.PassResult;
import io.github.iotembeddings.support.Await;
import io.github.iotembeddings.support.JarProcess;
import io.github.iotembeddings.support.TestApplication;
import io.github.iotembeddings.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What makes a sync cost what changed: the watermark and its late-commit window, the change queue filled
 * by the capture trigger, the full check that finds what neither saw, and the retention of Batch history.
 */
class SyncCostIntegrationTests {

	private static final String CURRENT_ROWS = """
			select count(*) from public.event_embeddings ee join public.iot_events e on e.id = ee.event_id
			where ee.text_hash = md5(coalesce(embeddings.iot_embeddings_event_text(e), ''))""";

	@Test
	void aSyncWithNothingToDoLaunchesNoExecutionAndMovesTheWatermark() throws Exception {
		try (TestApplication app = TestApplication.of("noop_sync").start()) {
			// given embedded events
			TestDatabase db = app.db();
			List<Long> ids = db.insertSimpleEvents(5);
			assertThat(app.sync().eventsWritten()).isEqualTo(5);
			long executions = db.count("select count(*) from batch_job_execution");

			// when nothing changes and syncs run again
			PassResult idle = app.sync();
			PassResult again = app.sync();

			// then neither launches an execution, and the watermark covers every event
			assertThat(idle.outcome()).isEqualTo(PassResult.Outcome.NOTHING_TO_DO);
			assertThat(again.outcome()).isEqualTo(PassResult.Outcome.NOTHING_TO_DO);
			assertThat(db.count("select count(*) from batch_job_execution")).isEqualTo(executions);
			assertThat(db.count("select checked_through from embeddings.sync_state where partition = ''"))
				.isEqualTo(ids.get(ids.size() - 1));

			// and one new event is one execution that embeds exactly it
			db.insertSimpleEvents(1);
			PassResult next = app.sync();
			assertThat(next.outcome()).isEqualTo(PassResult.Outcome.RAN);
			assertThat(next.eventsWritten()).isOne();
			assertThat(db.missing()).isZero();
		}
	}

	@Test
	void anEventWhoseTransactionCommitsAfterASyncWithALowerIdIsStillEmbedded() throws Exception {
		try (TestApplication app = TestApplication.of("late_commit").start()) {
			// given an embedded table
			TestDatabase db = app.db();
			db.insertSimpleEvents(3);
			app.sync();
			DataSource dataSource = app.bean(DataSource.class);
			try (Connection late = dataSource.getConnection()) {
				// when a transaction takes an id, a later one commits a higher id, and a sync runs in between
				late.setAutoCommit(false);
				long lateId;
				try (PreparedStatement insert = late.prepareStatement("insert into public.iot_events (device_id, event_type,"
						+ " payload) values ('late-device', 'door_open', '{\"note\": \"committed late\"}') returning id");
						ResultSet rs = insert.executeQuery()) {
					rs.next();
					lateId = rs.getLong(1);
				}
				List<Long> later = db.insertSimpleEvents(2);
				assertThat(later.get(0)).isGreaterThan(lateId);
				PassResult before = app.sync();
				assertThat(before.eventsWritten()).isEqualTo(2);
				assertThat(db.count("select checked_through from embeddings.sync_state where partition = ''"))
					.isEqualTo(later.get(1));
				late.commit();

				// then the next sync finds it below the watermark, inside the window
				PassResult after = app.sync();
				assertThat(after.eventsWritten()).isOne();
				assertThat(db.count("select count(*) from public.event_embeddings where event_id = ?", lateId)).isOne();
				assertThat(db.missing()).isZero();
			}
		}
	}

	@Test
	void withTheCaptureAnEditedTextIsReembeddedAndAnUnrelatedEditIsNot() throws Exception {
		try (TestApplication app = TestApplication.of("capture").start()) {
			// given embedded events and the capture trigger
			TestDatabase db = app.db();
			List<Long> ids = db.insertSimpleEvents(4);
			app.sync();
			assertThat(app.bean(ChangeTriggers.class).install()).containsExactly("device_id", "event_type", "payload");
			String before = embedding(db, ids.get(0));

			// when one event's text columns change, another's created_at, and a third is set to its own value
			db.jdbc().update("update public.iot_events set payload = '{\"temp_c\": 99, \"msg\": \"smoke\"}' where id = ?",
					ids.get(0));
			db.jdbc().update("update public.iot_events set created_at = created_at - interval '1 day' where id = ?",
					ids.get(1));
			db.jdbc().update("update public.iot_events set payload = payload where id = ?", ids.get(2));

			// then only the first is queued, and the sync re-embeds it alone and empties the queue
			assertThat(db.jdbc().queryForList("select event_id from embeddings.event_changes", Long.class))
				.containsExactly(ids.get(0));
			PassResult sync = app.sync();
			assertThat(sync.eventsWritten()).isOne();
			assertThat(embedding(db, ids.get(0))).isNotEqualTo(before);
			assertThat(db.count("select count(*) from embeddings.event_changes")).isZero();
			assertThat(app.sync().outcome()).isEqualTo(PassResult.Outcome.NOTHING_TO_DO);
		}
	}

	@Test
	void theCaptureWorksForALowPrivilegeRoleUnderRowLevelSecurity() throws Exception {
		try (TestApplication app = TestApplication.of("capture_rls").start()) {
			// given a role that may update only its own events, through RLS, and has no right on the tool's schema
			TestDatabase db = app.db();
			List<Long> ids = db.insertSimpleEvents(3);
			app.sync();
			app.bean(ChangeTriggers.class).install();
			String role = "iot_device_writer_" + db.name().replaceAll("[^a-z0-9_]", "");
			db.jdbc().execute("do $$ begin if not exists (select 1 from pg_roles where rolname = '" + role
					+ "') then create role " + role + " nologin; end if; end $$");
			db.jdbc().execute("grant " + role + " to current_user");
			db.jdbc().execute("grant select, update on public.iot_events to " + role);
			db.jdbc().execute("alter table public.iot_events enable row level security");
			db.jdbc().execute("create policy own_device on public.iot_events for all to " + role
					+ " using (id = " + ids.get(1) + ")");

			// when it edits the text of the one event it may see
			long updated = db.jdbc().execute((Connection connection) -> {
				connection.setAutoCommit(false);
				try (var statement = connection.createStatement()) {
					statement.execute("set local role " + role);
					int rows = statement.executeUpdate("update public.iot_events set payload = '{\"state\": \"tampered\"}'");
					connection.commit();
					return (long) rows;
				}
			});

			// then RLS held (one row), the change is queued, and the sync re-embeds it
			assertThat(updated).isOne();
			assertThat(db.jdbc().queryForList("select event_id from embeddings.event_changes", Long.class))
				.containsExactly(ids.get(1));
			assertThat(app.sync().eventsWritten()).isOne();
			assertThat(db.count("select count(*) from embeddings.event_changes")).isZero();
		}
	}

	@Test
	void aSyncKilledWhileDrainingTheQueueLosesNoChange(@TempDir Path workingDir) throws Exception {
		try (TestApplication app = TestApplication.of("queue_kill").start()) {
			// given 60 embedded events, the capture on, every text edited, and slow writes
			TestDatabase db = app.db();
			db.insertSimpleEvents(60);
			app.sync();
			app.bean(ChangeTriggers.class).install();
			db.jdbc().update("update public.iot_events set payload = payload || '{\"edited\": true}'");
			assertThat(db.count("select count(*) from embeddings.event_changes")).isEqualTo(60);
			db.recordWrites(0.05);

			// when a sync process is killed (SIGKILL) after its first committed chunk
			Process sync = JarProcess.start(workingDir, db.environment(), "sync", "--chunk-size=5");
			Await.until(Duration.ofSeconds(60), "a committed chunk", () -> db.count("select count(*) from embedding_writes") >= 5);
			sync.destroyForcibly().waitFor();
			Await.until(Duration.ofSeconds(60), "the killed process's run lock to go", () -> db.count("""
					select count(*) from pg_locks where locktype = 'advisory'
					  and database = (select oid from pg_database where datname = current_database())""") == 0);

			// then every edit is either re-embedded or still queued, never both lost
			long current = db.count(CURRENT_ROWS);
			assertThat(current).isBetween(5L, 59L);
			assertThat(db.count("select count(distinct event_id) from embeddings.event_changes")).isEqualTo(60 - current);

			// and the next sync finishes the rest and empties the queue
			app.sync();
			assertThat(db.count(CURRENT_ROWS)).isEqualTo(60);
			assertThat(db.count("select count(*) from embeddings.event_changes")).isZero();
		}
	}

	@Test
	void theFullCheckFindsAnEditMadeWithTheCaptureOff() throws Exception {
		// No late-commit window, so the deleted row lies below where syncs look.
		try (TestApplication app = TestApplication.of("reconcile").property("embeddings.sync.late-commit-window", "0")
			.start()) {
			// given embedded events and no capture trigger
			TestDatabase db = app.db();
			List<Long> ids = db.insertSimpleEvents(6);
			app.sync();

			// when a text changes, and an embedding row is deleted by hand below the watermark
			db.jdbc().update("update public.iot_events set event_type = 'fire_alarm' where id = ?", ids.get(2));
			db.jdbc().update("delete from public.event_embeddings where event_id = ?", ids.get(0));

			// then a sync does not see them, and the full check does, and its sync embeds them
			assertThat(app.sync().outcome()).isEqualTo(PassResult.Outcome.NOTHING_TO_DO);
			PassResult reconcile = app.reconcile();
			assertThat(reconcile.eventsWritten()).isEqualTo(2);
			FullCheckResult check = app.bean(BacklogQuery.class).lastFullCheck();
			assertThat(check).isNotNull();
			assertThat(check.events()).isEqualTo(6);
			assertThat(check.staleText()).isOne();
			assertThat(check.missing()).isOne();
			assertThat(check.queued()).isEqualTo(2);
			assertThat(db.missing()).isZero();
			assertThat(db.count(CURRENT_ROWS)).isEqualTo(6);
		}
	}

	@Test
	void aNewTextExpressionIsFoundByTheNextSync() throws Exception {
		try (TestApplication app = TestApplication.of("new_text").start()) {
			// given embedded events
			TestDatabase db = app.db();
			db.insertSimpleEvents(4);
			app.sync();

			// when the text expression changes (nothing in the table does)
			try (TestApplication changed = app.alongside()
				.property("embeddings.job.text-sql", "e.event_type || ' at ' || e.device_id")
				.start()) {
				PassResult sync = changed.sync();

				// then the sync checks every event first and re-embeds all four with their new texts
				assertThat(sync.eventsWritten()).isEqualTo(4);
				assertThat(db.count(CURRENT_ROWS)).isEqualTo(4);
				assertThat(changed.sync().outcome()).isEqualTo(PassResult.Outcome.NOTHING_TO_DO);
			}
		}
	}

	@Test
	void retentionPurgesOldExecutionsButKeepsRestartableOnesAndTheLatestOfEachMode() throws Exception {
		try (TestApplication app = TestApplication.of("retention").start()) {
			// given five runs that ended 40 days ago, the newest backfill among them FAILED
			TestDatabase db = app.db();
			for (int i = 0; i < 3; i++) {
				db.insertSimpleEvents(1);
				app.sync();
			}
			db.insertSimpleEvents(2);
			app.backfill(1);
			app.backfill(1);
			long failed = db.count("select max(job_execution_id) from batch_job_execution");
			db.jdbc().update("update batch_job_execution set status = 'FAILED' where job_execution_id = ?", failed);
			db.jdbc().update("update batch_job_execution set end_time = end_time - interval '40 days'");
			long latestSync = db.count("""
					select max(job_execution_id) from batch_job_execution_params
					where parameter_name = 'mode' and parameter_value = 'sync'""");

			// when history older than 30 days is purged
			long purged = app.bean(ExecutionRetention.class).purge(Duration.ofDays(30));

			// then the failed one (restartable) and the latest sync are kept, with their steps; the rest is gone
			assertThat(purged).isEqualTo(3);
			assertThat(db.jdbc().queryForList("select job_execution_id from batch_job_execution order by 1", Long.class))
				.containsExactly(latestSync, failed);
			assertThat(db.count("select count(*) from batch_step_execution")).isEqualTo(2);
			assertThat(db.count("select count(*) from batch_job_instance")).isEqualTo(2);
		}
	}

	private static String embedding(TestDatabase db, long id) {
		return db.jdbc().queryForObject("select embedding::text from public.event_embeddings where event_id = ?",
				String.class, id);
	}

}
