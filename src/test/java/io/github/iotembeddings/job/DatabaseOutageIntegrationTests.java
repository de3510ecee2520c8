package io.github.iotembeddings.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.iotembeddings.support.Await;
import io.github.iotembeddings.support.CliRun;
import io.github.iotembeddings.support.JarProcess;
import io.github.iotembeddings.support.TestDatabase;
import io.github.iotembeddings.support.TestDatabaseServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The job's connections cut mid-run: a clean failure, nothing half-written, and the next run completes. */
class DatabaseOutageIntegrationTests {

	@Test
	void terminatedBackendsFailTheRunCleanlyAndTheNextSyncCompletes(@TempDir Path workingDir) throws Exception {
		try (TestDatabase db = TestDatabaseServer.get().createDatabase("outage")) {
			// given a slow sync in progress
			db.createEventsTable();
			List<Long> ids = db.insertSimpleEvents(50);
			assertThat(CliRun.run(db.environment(), "migrate").exitCode()).isZero();
			db.recordWrites(0.05);
			Process sync = JarProcess.start(workingDir, db.environment(), "sync", "--chunk-size=5");
			Await.until(Duration.ofSeconds(60), "a committed chunk",
					() -> db.count("select count(*) from public.event_embeddings") >= 5);

			// when every connection of the job is terminated by the server
			db.jdbc().queryForList("""
					select pg_terminate_backend(pid) from pg_stat_activity
					where datname = current_database() and application_name = 'iot-embeddings'""");

			// then the process ends, saying why in one line, with only whole chunks written
			assertThat(sync.waitFor(120, TimeUnit.SECONDS)).isTrue();
			String output = Files.readString(workingDir.resolve(JarProcess.OUTPUT));
			assertThat(sync.exitValue()).as(output).isEqualTo(1);
			assertThat(output).contains("error: ").doesNotContain("\tat ");
			long written = db.count("select count(*) from public.event_embeddings");
			assertThat(written % 5).as("whole chunks only").isZero();
			assertThat(db.count("select count(*) from embedding_writes")).isEqualTo(written);

			// and the next sync completes the work, each event written once
			CliRun next = CliRun.run(db.environment(), "sync", "--chunk-size=5");
			assertThat(next.exitCode()).as(next.toString()).isZero();
			assertThat(db.missing()).isZero();
			assertThat(db.count("select count(*) from embedding_writes")).isEqualTo(ids.size());
		}
	}

}
