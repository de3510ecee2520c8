package io.github.iotembeddings.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.github.iotembeddings.config.ConnectionSettings;
import io.github.iotembeddings.support.CliRun;
import io.github.iotembeddings.support.JarProcess;
import io.github.iotembeddings.support.TestDatabase;
import io.github.iotembeddings.support.TestDatabaseServer;
import io.github.iotembeddings.support.TinyOnnxModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The command-line contract: connection forms, secrets, exit codes and one-line errors. */
class CommandLineIntegrationTests {

	private static TestDatabase db;

	@BeforeAll
	static void createDatabase() {
		db = TestDatabaseServer.get().createMigratedDatabase("cli");
		db.insertSimpleEvents(5);
	}

	@AfterAll
	static void dropDatabase() {
		db.close();
	}

	@Test
	void wrongPasswordFromDotEnvIsReportedWithoutThePassword(@TempDir Path workingDir) throws Exception {
		// given a .env with a wrong, recognisable password and a Supabase-style URL
		String password = "Wr0ng-S3cret-" + System.nanoTime();
		ConnectionSettings real = db.connection();
		String hostPortDb = real.describe();
		Files.writeString(workingDir.resolve(".env"), "DATABASE_URL=postgresql://" + real.user() + ":" + password + "@"
				+ hostPortDb + "\n");

		// when the real jar runs in that directory
		JarProcess sync = JarProcess.run(workingDir, Map.of(), "sync");

		// then it fails in one line naming what to fix, and the password appears nowhere
		assertThat(sync.exitCode()).as(sync.output()).isEqualTo(2);
		assertThat(sync.output()).contains("cannot connect to " + hostPortDb)
			.contains("DATABASE_PASSWORD")
			.doesNotContain(password)
			.doesNotContain("\tat ");
		assertThat(db.count("select count(*) from public.event_embeddings")).isZero();
	}

	@Test
	void supabaseStyleUrlWithCredentialsWorks() {
		// given postgresql://user:pass@host:port/db and nothing else
		ConnectionSettings real = db.connection();
		String url = "postgresql://" + real.user() + ":" + java.net.URLEncoder.encode(String.valueOf(real.password()),
				java.nio.charset.StandardCharsets.UTF_8) + "@" + real.describe();

		// when
		CliRun executions = CliRun.run(Map.of("DATABASE_URL", url), "executions");

		// then
		assertThat(executions.exitCode()).as(executions.toString()).isZero();
		assertThat(executions.out()).contains("no executions yet");
	}

	@Test
	void modelOfTheWrongDimensionIsRefusedBeforeAnythingIsWritten(@TempDir Path tmp) throws Exception {
		// given
		Path model = TinyOnnxModel.write(tmp.resolve("tiny-768"), 768);

		// when
		CliRun backfill = CliRun.run(db.environment(), "backfill", "--limit=5", "--model=" + model);

		// then
		assertThat(backfill.exitCode()).isEqualTo(2);
		assertThat(backfill.err()).contains("768-dimensional").contains("vector(384)");
		assertThat(db.count("select count(*) from public.event_embeddings")).isZero();
		assertThat(db.count("select count(*) from batch_job_execution")).as("no run was even started").isZero();
	}

	@Test
	void unknownModelDirectoryIsAConfigurationError(@TempDir Path tmp) {
		CliRun sync = CliRun.run(db.environment(), "sync", "--model=" + tmp.resolve("missing"));

		assertThat(sync.exitCode()).isEqualTo(2);
		assertThat(sync.err()).contains(tmp.resolve("missing").toString()).contains("does not exist");
	}

	@Test
	void usageErrorsExitWith2BeforeConnecting() {
		Map<String, String> unreachable = new HashMap<>(Map.of("DATABASE_URL", "jdbc:postgresql://127.0.0.1:1/none"));
		assertThat(CliRun.run(unreachable, "frobnicate").err()).contains("unknown command 'frobnicate'");
		assertThat(CliRun.run(unreachable, "frobnicate").exitCode()).isEqualTo(2);
		assertThat(CliRun.run(unreachable, "backfill").err()).contains("backfill: missing required option: '--limit=N'");
		assertThat(CliRun.run(unreachable, "backfill", "--limit=abc").err()).contains("'abc' is not a whole number");
		assertThat(CliRun.run(unreachable, "backfill", "--limit=-3").err()).contains("--limit must be between 1");
		assertThat(CliRun.run(unreachable, "backfill", "--limit=0").exitCode()).isEqualTo(2);
		assertThat(CliRun.run(unreachable, "sync", "--colour=red").err()).contains("unknown option: '--colour=red'");
		assertThat(CliRun.run(unreachable, "restart").err()).contains("restart: missing required parameter: 'EXECUTION_ID'");
		assertThat(CliRun.run(Map.of(), "sync").err()).contains("DATABASE_URL is not set");
		assertThat(CliRun.run(Map.of("DATABASE_URL", "mysql://x"), "sync").err()).contains("must be a jdbc:postgresql://");
	}

	@Test
	void aSettingOutOfRangeIsOneLineNamingItWhicheverSourceSetIt() {
		// given a chunk size of 0 from the option, and a token limit of 2 from the environment
		Map<String, String> environment = new HashMap<>(db.environment());
		environment.put("EMBEDDINGS_MODEL_MAX_LENGTH", "2");

		// when
		CliRun option = CliRun.run(db.environment(), "sync", "--chunk-size=0");
		CliRun variable = CliRun.run(environment, "sync");

		// then exit 2, the property, its option and variable, the rule and the value; nothing written
		assertThat(option.exitCode()).as(option.toString()).isEqualTo(2);
		assertThat(option.err().strip()).isEqualTo("error: embeddings.job.chunk-size (--chunk-size, EMBEDDINGS_JOB_CHUNK_SIZE)"
				+ " must be greater than or equal to 1, not 0");
		assertThat(variable.exitCode()).as(variable.toString()).isEqualTo(2);
		assertThat(variable.err()).contains("embeddings.model.max-length (--max-length, EMBEDDINGS_MODEL_MAX_LENGTH)")
			.contains("not 2");
		assertThat(db.count("select count(*) from public.event_embeddings")).isZero();
	}

	@Test
	void aShortTokenIsRefusedWithoutRepeatingIt() {
		// given an admin token anyone could guess
		Map<String, String> environment = new HashMap<>(db.environment());
		environment.put("EMBEDDINGS_ADMIN_TOKEN", "letmein");

		// when
		CliRun status = CliRun.run(environment, "status");

		// then exit 2, naming the rule, and the token itself is never printed
		assertThat(status.exitCode()).as(status.toString()).isEqualTo(2);
		assertThat(status.err().strip()).isEqualTo("error: embeddings.admin.token (EMBEDDINGS_ADMIN_TOKEN) must be at least"
				+ " 16 characters (e.g. openssl rand -hex 32)");
		assertThat(status.out() + status.err()).doesNotContain("letmein");
	}

	@Test
	void failedRunExitsWith1NamingTheRestartAndAnUnknownExecutionWith2() {
		try (TestDatabase failing = TestDatabaseServer.get().createMigratedDatabase("cli_failed_run")) {
			// given a database that rejects every embedding write
			failing.insertSimpleEvents(3);
			failing.jdbc().execute("""
					create function reject_writes() returns trigger language plpgsql as $$
					begin raise exception 'simulated outage while writing event %', new.event_id; end $$""");
			failing.jdbc().execute("""
					create trigger reject_writes before insert on public.event_embeddings
					for each row execute function reject_writes()""");

			// when a sync fails
			CliRun sync = CliRun.run(failing.environment(), "sync");

			// then it exits with 1 and one line: the cause and the command that resumes the run
			long executionId = failing.count("select max(job_execution_id) from batch_job_execution");
			assertThat(sync.exitCode()).as(sync.toString()).isEqualTo(1);
			assertThat(sync.err()).contains("simulated outage")
				.contains("resume with: restart " + executionId)
				.doesNotContain("\tat ");

			// when an execution that does not exist is restarted, it is a usage error
			CliRun restart = CliRun.run(failing.environment(), "restart", "4242");
			assertThat(restart.exitCode()).as(restart.toString()).isEqualTo(2);
			assertThat(restart.err()).contains("no embedding job execution with id 4242");
		}
	}

	@Test
	void unreachableServerNamesHostAndPort() {
		CliRun sync = CliRun.run(Map.of("DATABASE_URL", "postgresql://someone:TopSecret99@127.0.0.1:1/none"), "sync");

		assertThat(sync.exitCode()).isEqualTo(2);
		assertThat(sync.err()).contains("cannot connect to 127.0.0.1:1/none").doesNotContain("TopSecret99");
	}

}
