package io.github.iotembeddings.provisioning;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * scripts/lib-postgres.sh against fake PostgreSQL and apt commands: a server that runs other binaries
 * than the installed ones is restarted (and the user told), one that matches is left alone, and the
 * build dependencies are pinned to the installed server's version when apt offers it.
 */
class ProvisioningScriptTests {

	@TempDir
	Path fakes;

	private Path restarts;

	@BeforeEach
	void writeFakeCommands() throws IOException {
		restarts = fakes.resolve("restarts.log");
		// The fake server reports the version in running.version until a restart, then the installed one.
		script("psql", """
				if [[ "$*" == *"show server_version"* ]]; then
				  [[ -f "$FAKES/running.version" ]] || exit 2
				  echo "$(cat "$FAKES/running.version") (Debian fake)"
				fi""");
		script("pg_ctlcluster", """
				echo "$*" >>"$FAKES/restarts.log"
				cp "$FAKES/bin/installed.version" "$FAKES/running.version\"""");
		script("postgres", "echo \"postgres (PostgreSQL) $(cat \"$FAKES/bin/installed.version\") (Debian fake)\"");
		script("runuser", "while [[ $1 != -- ]]; do shift; done; shift; exec \"$@\"");
		script("sudo", "exec \"$@\"");
		script("dpkg-query", "echo -n \"$(cat \"$FAKES/package.version\")\"");
		script("apt-cache", """
				echo " postgresql-server-dev-15 | 15.20-0+deb12u1 | http://mirror bookworm-security/main amd64 Packages"
				echo " postgresql-server-dev-15 | 15.18-0+deb12u1 | http://mirror bookworm/main amd64 Packages\"""");
	}

	@Test
	void aServerRunningOlderBinariesThanInstalledIsRestartedAndTheUserTold() throws Exception {
		// given a cluster running 15.18 while apt has put 15.20 on disk
		version("running.version", "15.18");
		version("bin/installed.version", "15.20");

		// when
		Result result = run("ensure_server_matches_binaries");

		// then it was restarted once, said so in one line, and now runs the installed binaries
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(Files.readAllLines(restarts)).containsExactly("--skip-systemctl-redirect 15 main restart");
		assertThat(result.output().lines().filter(line -> line.contains("restarting"))).singleElement()
			.asString()
			.contains("running 15.18", "15.20 is installed");
		assertThat(Files.readString(fakes.resolve("running.version")).strip()).isEqualTo("15.20");
	}

	@Test
	void aServerRunningTheInstalledBinariesIsLeftAlone() throws Exception {
		// given
		version("running.version", "15.20");
		version("bin/installed.version", "15.20");

		// when
		Result result = run("ensure_server_matches_binaries");

		// then
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(restarts).doesNotExist();
		assertThat(result.output()).isBlank();
	}

	@Test
	void aStoppedServerIsNotRestarted() throws Exception {
		// given no running server (psql cannot connect)
		version("bin/installed.version", "15.20");

		// when
		Result result = run("ensure_server_matches_binaries");

		// then
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(restarts).doesNotExist();
	}

	@Test
	void buildDependenciesArePinnedToTheInstalledServerVersionWhenAptOffersIt() throws Exception {
		// given server package 15.18 installed, and apt offering the dev package at 15.18 and 15.20
		version("package.version", "15.18-0+deb12u1");

		// when
		Result result = run("server_dev_package");

		// then the 15.18 headers are asked for, so installing them upgrades nothing, and the user is told
		assertThat(result.stdout().strip()).isEqualTo("postgresql-server-dev-15=15.18-0+deb12u1");
		assertThat(result.output()).contains("not upgraded");
	}

	@Test
	void buildDependenciesFallBackToTheNewestWhenTheServerVersionIsNoLongerOffered() throws Exception {
		// given a server version apt no longer has
		version("package.version", "15.10-0+deb12u1");

		// when
		Result result = run("server_dev_package");

		// then
		assertThat(result.stdout().strip()).isEqualTo("postgresql-server-dev-15");
	}

	private Result run(String function) throws Exception {
		Path stdout = fakes.resolve("stdout");
		Path stderr = fakes.resolve("stderr");
		ProcessBuilder builder = new ProcessBuilder("bash", "-c",
				"set -euo pipefail; source scripts/lib.sh; source scripts/lib-postgres.sh; " + function)
			.redirectOutput(stdout.toFile())
			.redirectError(stderr.toFile());
		builder.environment().put("PATH", fakes.resolve("bin") + ":" + System.getenv("PATH"));
		builder.environment().put("PG_BINDIR", fakes.resolve("bin").toString());
		builder.environment().put("PG_MAJOR", "15");
		builder.environment().put("DB_PORT", "5432");
		builder.environment().put("FAKES", fakes.toString());
		Process process = builder.start();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		return new Result(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
	}

	private void version(String file, String version) throws IOException {
		Files.writeString(fakes.resolve(file), version + "\n");
	}

	private void script(String name, String body) throws IOException {
		Path bin = Files.createDirectories(fakes.resolve("bin"));
		Path file = bin.resolve(name);
		Files.write(file, List.of("#!/usr/bin/env bash", body), StandardCharsets.UTF_8);
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
	}

	private record Result(int exitCode, String stdout, String stderr) {

		String output() {
			return stdout + stderr;
		}

	}

}
