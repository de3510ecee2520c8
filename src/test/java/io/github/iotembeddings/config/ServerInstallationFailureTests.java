package io.github.iotembeddings.config;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;

import static org.assertj.core.api.Assertions.assertThat;

/** Failures of the server's own installation are told apart from the user's settings. */
class ServerInstallationFailureTests {

	/** What a 15.18 server said after apt put 15.20's plpgsql.so under it. */
	private static final String UPGRADED_UNDER_IT = "ERROR: could not load library \"/usr/lib/postgresql/15/lib/plpgsql.so\":"
			+ " /usr/lib/postgresql/15/lib/plpgsql.so: undefined symbol: heap_datum_update_type";

	@Test
	void aLibraryTheServerCannotLoadIsReportedAsSuchWithARestartAsTheFix() {
		// given the failure as a command meets it: the server's error wrapped by Spring and by our own message
		Throwable failure = new InvalidConfigurationException("cannot install the text expression (" + UPGRADED_UNDER_IT
				+ "): run migrate as the tables' owner", new DataAccessResourceFailureException("create function",
						new SQLException(UPGRADED_UNDER_IT + "\n  Where: SQL statement")));

		// when
		String message = ServerInstallationFailure.recognise(failure, "db.example:5432/app").orElseThrow().getMessage();

		// then it names the server, quotes the cause once, says restart, and no longer blames ownership
		assertThat(message).startsWith("the PostgreSQL server at db.example:5432/app cannot use its installed files")
			.contains("undefined symbol: heap_datum_update_type")
			.contains("restart the server")
			.doesNotContain("owner")
			.doesNotContain("\n");
		assertThat(message.split("could not load library", -1)).hasSize(2);
	}

	@Test
	void extensionFilesThatDoNotMatchTheDatabaseAreRecognised() {
		assertThat(ServerInstallationFailure.isInstallationProblem(
				"ERROR: extension \"vector\" has no installation script nor update path for version \"0.8.1\"")).isTrue();
		assertThat(ServerInstallationFailure.isInstallationProblem(
				"ERROR: incompatible library \"/usr/lib/postgresql/15/lib/vector.so\": version mismatch")).isTrue();
	}

	@Test
	void ordinaryErrorsAreLeftToTheirOwnMessages() {
		assertThat(ServerInstallationFailure.recognise(
				new SQLException("ERROR: permission denied for schema public"), "h:5432/db")).isEmpty();
		assertThat(ServerInstallationFailure.recognise(
				new SQLException("FATAL: password authentication failed for user \"x\""), "h:5432/db")).isEmpty();
	}

}
