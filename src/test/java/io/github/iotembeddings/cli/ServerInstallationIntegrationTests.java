package io.github.iotembeddings.cli;

import io.github.iotembeddings.support.CliRun;
import io.github.iotembeddings.support.TestDatabase;
import io.github.iotembeddings.support.TestDatabaseServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server that cannot load one of its library files (here: a session preload library that is not
 * installed, the way a removed or half-upgraded extension looks to it) fails every command with a
 * message that names the server's installation and a restart, not the user's settings.
 */
class ServerInstallationIntegrationTests {

	@Test
	void aLibraryTheServerCannotLoadIsReportedAsTheServersProblem() {
		try (TestDatabase db = TestDatabaseServer.get().createDatabase("serverlib")) {
			// given a database whose every session must load a library file the server does not have
			db.createEventsTable();
			db.admin().execute("alter database " + db.name()
					+ " set session_preload_libraries = '$libdir/iot_embeddings_not_installed'");

			// when
			CliRun status = CliRun.run(db.environment(), "status");

			// then exit 2, one line, naming the server's missing file and a restart; no blame on the settings
			assertThat(status.exitCode()).as(status.toString()).isEqualTo(2);
			assertThat(status.err().strip()).doesNotContain("\n")
				.startsWith("error: the PostgreSQL server at " + db.connection().describe() + " cannot use its installed files")
				.contains("could not access file \"$libdir/iot_embeddings_not_installed\"")
				.contains("restart the server")
				.doesNotContain("check DATABASE_URL");
			db.admin().execute("alter database " + db.name() + " reset session_preload_libraries");
		}
	}

}
