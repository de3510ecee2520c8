package io.github.iotembeddings.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import io.github.iotembeddings.support.CliRun;
import io.github.iotembeddings.support.JarProcess;
import io.github.iotembeddings.support.TestDatabase;
import io.github.iotembeddings.support.TestDatabaseServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The _reports files against the Batch metadata, and secrets kept out of everything written. */
class ReportIntegrationTests {

	@Test
	void runReportsMatchTheBatchMetadata(@TempDir Path workingDir) throws Exception {
		try (TestDatabase db = TestDatabaseServer.get().createMigratedDatabase("reports")) {
			// given
			db.insertSimpleEvents(30);

			// when a backfill runs (it writes the reports at its end)
			CliRun backfill = CliRun.run(db.environment(), workingDir, "backfill", "--limit=20", "--chunk-size=8");

			// then
			assertThat(backfill.exitCode()).as(backfill.toString()).isZero();
			Path reports = workingDir.resolve("_reports");
			JsonNode run = JsonMapper.builder().build().readTree(Files.readString(reports.resolve("emb_backfill.json")))
				.get("runs").get(0);
			Map<String, Object> batch = db.jdbc().queryForMap("""
					select je.job_execution_id, je.status, se.read_count, se.write_count,
					  extract(epoch from (je.end_time - je.start_time)) as seconds
					from batch_job_execution je join batch_step_execution se on se.job_execution_id = je.job_execution_id""");
			assertThat(run.get("id").asLong()).isEqualTo(((Number) batch.get("job_execution_id")).longValue());
			assertThat(run.get("status").asString()).isEqualTo(batch.get("status")).isEqualTo("COMPLETED");
			assertThat(run.get("read").asLong()).isEqualTo(((Number) batch.get("read_count")).longValue()).isEqualTo(20);
			assertThat(run.get("written").asLong()).isEqualTo(((Number) batch.get("write_count")).longValue());
			assertThat(run.get("durationSeconds").asDouble()).isPositive()
				.isCloseTo(((Number) batch.get("seconds")).doubleValue(), org.assertj.core.api.Assertions.within(0.01));
			assertThat(run.get("parameters").get("limit").asLong()).isEqualTo(20);
			assertThat(run.get("parameters").get("chunkSize").asLong()).isEqualTo(8);
			assertThat(run.get("parameters").get("model").asString()).isEqualTo("all-MiniLM-L6-v2@256");
			assertThat(run.get("sampleEventIds")).isNotEmpty();
			for (JsonNode id : run.get("sampleEventIds")) {
				assertThat(db.count("select count(*) from public.event_embeddings where event_id = ?", id.asLong())).isOne();
			}
			assertThat(Files.readString(reports.resolve("emb_table_create.sql"))).contains("create table if not exists public.event_embeddings")
				.contains("add column if not exists text_hash");
			assertThat(Files.readString(reports.resolve("emb_table_create.md"))).contains("| embedding | vector(384) | no |")
				.contains("row-level security | enabled").contains("| rows (the planner's estimate) | about 20 |");
			assertThat(Files.readString(reports.resolve("emb_backfill.md"))).contains("| backfill | 20 | 8 |");

			// and every report has the permissions of a file the user makes (0644 under umask 022), none half-written
			Set<PosixFilePermission> usual = Files.getPosixFilePermissions(Files.createFile(workingDir.resolve("usual")));
			try (Stream<Path> files = Files.list(reports)) {
				assertThat(files.toList()).allSatisfy(file -> assertThat(Files.getPosixFilePermissions(file))
					.as(file.toString()).isEqualTo(usual)).noneMatch(file -> file.toString().endsWith(".partial"));
			}
		}
	}

	@Test
	void secretsFromDotEnvAppearInNoOutputAndNoReport(@TempDir Path workingDir) throws Exception {
		try (TestDatabase db = TestDatabaseServer.get().createDatabase("secrets")) {
			// given a .env holding the real password and another secret, and nothing in the environment
			db.createEventsTable();
			db.insertSimpleEvents(12);
			String password = String.valueOf(db.connection().password());
			String serviceKey = "sb-service-role-" + System.nanoTime();
			Files.writeString(workingDir.resolve(".env"), "DATABASE_URL=" + db.connection().jdbcUrl() + "\n"
					+ "DATABASE_USER=" + db.connection().user() + "\nDATABASE_PASSWORD=" + password + "\n"
					+ "SUPABASE_SERVICE_ROLE_KEY=" + serviceKey + "\n");
			assertThat(password).hasSizeGreaterThanOrEqualTo(8);

			// when every command that writes runs, with the real jar, printing what it prints
			StringBuilder output = new StringBuilder();
			for (List<String> command : List.of(List.of("migrate"), List.of("backfill", "--limit=5"), List.of("sync"),
					List.of("executions"), List.of("validate"), List.of("report"), List.of("restart", "999"))) {
				JarProcess run = JarProcess.run(workingDir, new HashMap<>(), command.toArray(String[]::new));
				output.append(run.output());
			}

			// then it all worked, and neither secret is anywhere
			assertThat(output).contains("validate: 12 events, 12 embedded, 0 missing");
			assertThat(output.toString()).doesNotContain(password).doesNotContain(serviceKey);
			List<Path> written;
			try (Stream<Path> files = Files.walk(workingDir.resolve("_reports"))) {
				written = files.filter(Files::isRegularFile).toList();
			}
			assertThat(written).extracting(p -> p.getFileName().toString())
				.contains("emb_validation.json", "emb_validation.md", "emb_backfill.json", "emb_backfill.md",
						"emb_table_create.sql", "emb_table_create.md");
			for (Path file : written) {
				assertThat(Files.readString(file)).as(file.toString()).doesNotContain(password).doesNotContain(serviceKey);
			}
		}
	}

}
