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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** The job's connections cut mid-run: a clean failure, nothing half-written, and the next run completes. */
@ExtendWith(OutputCaptureExtension.class)
class DatabaseOutageIntegrationTests {

	@Test
	void terminatedBackendsFailTheRunCleanlyAndTheNextSyncCompletes(CapturedOutput output) throws Exception {
		try (TestApplication app = TestApplication.of("outage").chunkSize(5).start()) {
			// given a slow sync in progress
			TestDatabase db = app.db();
			List<Long> ids = db.insertSimpleEvents(50);
			db.recordWrites(0.05);
			CompletableFuture<PassResult> sync = OnThread.start("sync", app::sync);
			Await.until(Duration.ofSeconds(60), "a committed chunk",
					() -> db.count("select count(*) from public.event_embeddings") >= 5);

			// when every connection of the job is terminated by the server
			db.jdbc().queryForList("""
					select pg_terminate_backend(pid) from pg_stat_activity
					where datname = current_database() and application_name = 'iot-embeddings'""");

			// then the run ends failed, saying why in one line, with only whole chunks written
			PassResult failed = sync.get(120, TimeUnit.SECONDS);
			assertThat(failed.completed()).isFalse();
			assertThat(failed.failure()).contains("resume with: restart ").doesNotContain("\n");
			assertThat(output.getAll()).doesNotContain("\tat ");
			long written = db.count("select count(*) from public.event_embeddings");
			assertThat(written % 5).as("whole chunks only").isZero();
			assertThat(db.count("select count(*) from embedding_writes")).isEqualTo(written);

			// and the next sync completes the work, each event written once
			PassResult next = app.sync();
			assertThat(next.completed()).as(next.failure()).isTrue();
			assertThat(db.missing()).isZero();
			assertThat(db.count("select count(*) from embedding_writes")).isEqualTo(ids.size());
		}
	}

}
