package io.github.iotembeddings.job;

import io.github.iotembeddings.events.Partition;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.iotembeddings.model.EmbeddingModel;
import io.github.iotembeddings.run.PassResult;
import io.github.iotembeddings.support.Await;
import io.github.iotembeddings.support.CliRun;
import io.github.iotembeddings.support.JarProcess;
import io.github.iotembeddings.support.OnThread;
import io.github.iotembeddings.support.TestApplication;
import io.github.iotembeddings.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.test.MetaDataInstanceFactory;
import org.springframework.batch.test.StepScopeTestUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several runs side by side, each embedding its partition of the events, as the pods of an Indexed Job
 * do. Runs started together are threads of this JVM, each with its own pass: the advisory locks belong
 * to database sessions, so they exclude each other as they do across processes.
 */
class PartitionIntegrationTests {

	@Test
	void threePartitionsStartedTogetherEmbedDisjointSharesThatCoverEveryEvent() throws Exception {
		try (TestApplication app = TestApplication.of("partitions").chunkSize(5).start()) {
			// given 90 events, every write recorded and slowed so the three runs overlap
			TestDatabase db = app.db();
			db.insertSimpleEvents(90);
			db.recordWrites(0.02);

			// when three runs start together, one per partition: two passes of this application, and the
			// third through the command line and the index an Indexed Job gives its pods
			Map<String, String> environment = new HashMap<>(app.environment());
			environment.put("JOB_COMPLETION_INDEX", "2");
			CompletableFuture<PassResult> partition0 = OnThread.start("partition 0/3", () -> app.sync(new Partition(0, 3)));
			CompletableFuture<PassResult> partition1 = OnThread.start("partition 1/3", () -> app.sync(new Partition(1, 3)));
			CompletableFuture<CliRun> partition2 = OnThread.start("partition 2/3",
					() -> CliRun.run(environment, "sync", "--chunk-size=5", "--partitions=3"));
			for (PassResult pass : List.of(partition0.get(180, TimeUnit.SECONDS), partition1.get(180, TimeUnit.SECONDS))) {
				assertThat(pass.completed()).as(pass.failure()).isTrue();
				assertThat(pass.ran()).as("%s ran", pass.request().partition()).isPresent();
				assertThat(pass.name()).isEqualTo("sync (partition " + pass.request().partition() + ")");
			}
			CliRun pod = partition2.get(180, TimeUnit.SECONDS);
			assertThat(pod.exitCode()).as(pod.toString()).isZero();
			assertThat(pod.out()).contains("sync (partition 2/3): execution").doesNotContain("nothing to do");

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
	@SuppressWarnings("unchecked")
	void aPartitionsReaderReadsItsShareNewestFirst() throws Exception {
		try (TestApplication app = TestApplication.of("partition_reader").start()) {
			// given 20 events
			List<Long> ids = app.db().insertSimpleEvents(20);

			// when the step's reader of partition 1/3 reads, in pages of 4, alone in a step scope
			StepExecution step = MetaDataInstanceFactory.createStepExecution(new JobParametersBuilder()
				.addLong(EmbeddingJob.CHUNK_SIZE, 4L)
				.addString(EmbeddingJob.MODEL, app.bean(EmbeddingModel.class).id())
				.addString(EmbeddingJob.PARTITION, "1/3")
				.toJobParameters());
			List<Long> read = StepScopeTestUtils.doInStepScope(step, () -> {
				ItemStreamReader<EventText> reader = app.bean("pendingEventsReader", ItemStreamReader.class);
				reader.open(step.getExecutionContext());
				List<Long> eventIds = new ArrayList<>();
				for (EventText event = reader.read(); event != null; event = reader.read()) {
					eventIds.add(event.id());
				}
				reader.close();
				return eventIds;
			});

			// then it read exactly the events whose id is 1 modulo 3, newest first
			assertThat(read).isEqualTo(ids.stream().filter(id -> id % 3 == 1).sorted(Comparator.reverseOrder()).toList());
		}
	}

	@Test
	void aPartitionKilledMidWayAndRestartedCompletesItsShareOnly(@TempDir Path workingDir) throws Exception {
		try (TestApplication app = TestApplication.of("partition_killed").chunkSize(5).start()) {
			// given 60 events and partition 1/3 killed (a process, SIGKILL) after its first committed chunk
			TestDatabase db = app.db();
			db.insertSimpleEvents(60);
			db.recordWrites(0.05);
			JarProcess.killAfterFirstCommittedChunk(db, workingDir, "sync", "--chunk-size=5", "--partition=1/3");
			long share = db.count("select count(*) from public.iot_events where id % 3 = 1");
			assertThat(db.count("select count(*) from public.event_embeddings")).isLessThan(share);

			// when the same partition runs again (the Job's pod is replaced)
			PassResult again = app.sync(new Partition(1, 3));

			// then the killed run is resumed, and exactly partition 1's events are embedded, once each
			assertThat(again.completed()).as(again.failure()).isTrue();
			assertThat(db.count("select count(*) from public.event_embeddings")).isEqualTo(share);
			assertThat(db.count("select count(*) from public.event_embeddings where event_id % 3 <> 1")).isZero();
			assertThat(db.count("select count(*) from embedding_writes")).isEqualTo(share);
			assertThat(db.jdbc().queryForList("select status from batch_job_execution order by job_execution_id",
					String.class)).startsWith("FAILED", "COMPLETED");
		}
	}

	@Test
	void aWholeSyncWaitsForNoPartitionButDoesNotRunBesideOne() throws Exception {
		try (TestApplication app = TestApplication.of("partition_whole").chunkSize(1).start()) {
			// given a partition's run in progress, slowed so it lasts several seconds
			TestDatabase db = app.db();
			db.insertSimpleEvents(30);
			db.recordWrites(0.3);
			CompletableFuture<PassResult> partition = OnThread.start("partition 0/2", () -> app.sync(new Partition(0, 2)));
			Await.until(Duration.ofSeconds(60), "a committed chunk",
					() -> db.count("select count(*) from public.event_embeddings") >= 1);

			// when a sync over all events starts meanwhile
			PassResult whole = app.sync();

			// then it leaves the events to the run in progress, which completes
			assertThat(whole.ran()).as("the whole sync ran beside a partition").isEmpty();
			PassResult share = partition.get(120, TimeUnit.SECONDS);
			assertThat(share.completed()).as(share.failure()).isTrue();
			assertThat(db.count("select count(*) from embedding_writes where event_id % 2 <> 0")).isZero();
			assertThat(db.count("select count(*) from embedding_writes"))
				.isEqualTo(db.count("select count(*) from public.iot_events where id % 2 = 0"));
		}
	}

}
