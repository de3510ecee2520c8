package io.github.iotembeddings.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.iotembeddings.support.Await;
import io.github.iotembeddings.support.CliRun;
import io.github.iotembeddings.support.JarProcess;
import io.github.iotembeddings.support.TestDatabase;
import io.github.iotembeddings.support.TestDatabaseServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Several processes, each embedding its partition of the events, as the pods of an Indexed Job do. */
class PartitionIntegrationTests {

	@Test
	void threePartitionsStartedTogetherEmbedDisjointSharesThatCoverEveryEvent(@TempDir Path workingDir)
			throws Exception {
		try (TestDatabase db = TestDatabaseServer.get().createDatabase("partitions")) {
			// given 90 events, every write recorded and slowed so the three runs overlap
			db.createEventsTable();
			db.insertSimpleEvents(90);
			assertThat(CliRun.run(db.environment(), "migrate").exitCode()).isZero();
			db.recordWrites(0.02);

			// when three processes start together, one per partition (the third through the index an
			// Indexed Job gives its pods)
			List<Process> processes = new ArrayList<>();
			for (int index = 0; index < 3; index++) {
				Path dir = Files.createDirectories(workingDir.resolve("pod-" + index));
				Map<String, String> environment = new HashMap<>(db.environment());
				String[] args = { "sync", "--chunk-size=5", "--partition=" + index + "/3" };
				if (index == 2) {
					environment.put("JOB_COMPLETION_INDEX", "2");
					args = new String[] { "sync", "--chunk-size=5", "--partitions=3" };
				}
				processes.add(JarProcess.start(dir, environment, args));
			}
			for (int index = 0; index < 3; index++) {
				Process process = processes.get(index);
				assertThat(process.waitFor(180, TimeUnit.SECONDS)).isTrue();
				assertThat(process.exitValue()).as(output(workingDir, index)).isZero();
				assertThat(output(workingDir, index)).contains("sync (partition " + index + "/3): execution")
					.doesNotContain("nothing to do");
			}

			// then every event is embedded, each exactly once, and each partition wrote its own share
			assertThat(db.missing()).isZero();
			assertThat(db.count("select count(*) from embedding_writes")).isEqualTo(90);
			assertThat(db.count("select count(distinct event_id) from embedding_writes")).isEqualTo(90);
			for (int index = 0; index < 3; index++) {
				assertThat(db.count("""
						select se.write_count from batch_step_execution se
						join batch_job_execution_params p on p.job_execution_id = se.job_execution_id
						where p.parameter_name = 'partition' and p.parameter_value = ?""", index + "/3"))
					.isEqualTo(db.count("select count(*) from public.iot_events where id % 3 = ?", index));
			}
			assertThat(db.count("select count(*) from batch_job_execution where status = 'COMPLETED'")).isEqualTo(3);
			assertThat(db.count("""
					select count(*) from batch_job_execution je where exists (select 1 from batch_job_execution other
					where other.job_execution_id <> je.job_execution_id and other.start_time < je.end_time
					and other.end_time > je.start_time)""")).as("the runs overlapped in time").isPositive();
		}
	}

	@Test
	void aPartitionKilledMidWayAndRestartedCompletesItsShareOnly(@TempDir Path workingDir) throws Exception {
		try (TestDatabase db = TestDatabaseServer.get().createDatabase("partition_killed")) {
			// given 60 events and partition 1/3 killed after its first committed chunk
			db.createEventsTable();
			db.insertSimpleEvents(60);
			assertThat(CliRun.run(db.environment(), "migrate").exitCode()).isZero();
			db.recordWrites(0.05);
			JarProcess.killAfterFirstCommittedChunk(db, workingDir, "sync", "--chunk-size=5", "--partition=1/3");
			long share = db.count("select count(*) from public.iot_events where id % 3 = 1");
			assertThat(db.count("select count(*) from public.event_embeddings")).isLessThan(share);

			// when the same partition runs again (the Job's pod is replaced)
			CliRun again = CliRun.run(db.environment(), "sync", "--chunk-size=5", "--partition=1/3");

			// then the killed run is resumed, and exactly partition 1's events are embedded, once each
			assertThat(again.exitCode()).as(again.toString()).isZero();
			assertThat(db.count("select count(*) from public.event_embeddings")).isEqualTo(share);
			assertThat(db.count("select count(*) from public.event_embeddings where event_id % 3 <> 1")).isZero();
			assertThat(db.count("select count(*) from embedding_writes")).isEqualTo(share);
			assertThat(db.jdbc().queryForList("select status from batch_job_execution order by job_execution_id",
					String.class)).startsWith("FAILED", "COMPLETED");
		}
	}

	@Test
	void aWholeSyncWaitsForNoPartitionButDoesNotRunBesideOne(@TempDir Path workingDir) throws Exception {
		try (TestDatabase db = TestDatabaseServer.get().createDatabase("partition_whole")) {
			// given a partition's run in progress, slowed to a second per event so it lasts about 15 s
			db.createEventsTable();
			db.insertSimpleEvents(30);
			assertThat(CliRun.run(db.environment(), "migrate").exitCode()).isZero();
			db.recordWrites(1.0);
			Process partition = JarProcess.start(workingDir, db.environment(), "sync", "--chunk-size=1", "--partition=0/2");
			Await.until(Duration.ofSeconds(60), "a committed chunk",
					() -> db.count("select count(*) from public.event_embeddings") >= 1);

			// when a sync over all events starts meanwhile
			CliRun whole = CliRun.run(db.environment(), "sync");

			// then it leaves the events to the run in progress, which completes
			assertThat(whole.exitCode()).as(whole.toString()).isZero();
			assertThat(whole.out()).contains("nothing to do");
			assertThat(partition.waitFor(120, TimeUnit.SECONDS)).isTrue();
			assertThat(partition.exitValue()).isZero();
			assertThat(db.count("select count(*) from embedding_writes where event_id % 2 <> 0")).isZero();
			assertThat(db.count("select count(*) from embedding_writes"))
				.isEqualTo(db.count("select count(*) from public.iot_events where id % 2 = 0"));
		}
	}

	private static String output(Path workingDir, int index) {
		try {
			return Files.readString(workingDir.resolve("pod-" + index).resolve(JarProcess.OUTPUT));
		}
		catch (java.io.IOException ex) {
			return "(no output: " + ex.getMessage() + ")";
		}
	}

}
