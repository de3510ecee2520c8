package io.github.iotembeddings.provisioning;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real provisioning path on this machine with the server already running (scripts/test.sh started it
 * before the suite): provisioning again succeeds, leaves the server running the installed binaries, and
 * is fast. Runs only where the suite uses the local default database that the script provisions.
 */
class ProvisioningIntegrationTests {

	@Test
	void provisioningARunningServerLeavesItRunningTheInstalledBinaries() throws Exception {
		assumeTrue(System.getenv("DATABASE_URL") == null && Files.isExecutable(Path.of("/usr/bin/pg_lsclusters")),
				"the suite runs against a server of the user's (DATABASE_URL): provisioning is not used");

		// given a running local server (the suite is connected to it), when
		Path log = Files.createTempFile("provision", ".log");
		Process process = new ProcessBuilder("bash", "scripts/provision-db.sh").redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
		String output = Files.readString(log);

		// then it succeeded and the server answers with the version of the installed binaries
		assertThat(process.exitValue()).as(output).isZero();
		assertThat(output).contains("is ready");
		String installed = run("/usr/lib/postgresql/15/bin/postgres", "--version").replaceAll(".*\\) ([0-9.]+).*", "$1");
		String running = run("runuser", "-u", "postgres", "--", "psql", "-XqAt", "-c", "show server_version")
			.replaceAll(" .*", "");
		assertThat(running).isEqualTo(installed);
	}

	private static String run(String... command) throws Exception {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes()).strip();
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		return output;
	}

}
