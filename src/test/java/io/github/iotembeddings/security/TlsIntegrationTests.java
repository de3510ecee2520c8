package io.github.iotembeddings.security;

import java.util.Map;

import io.github.iotembeddings.support.CliRun;
import io.github.iotembeddings.support.ThrowawayServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * TLS as Supabase asks for it: {@code sslmode=require}, and {@code verify-full} against the server's
 * root certificate, on a throw-away server that refuses every connection without TLS.
 */
class TlsIntegrationTests {

	private static ThrowawayServer server;

	@BeforeAll
	static void startServer() throws Exception {
		assumeTrue(ThrowawayServer.available(), "a TLS server instance needs root, openssl and the PostgreSQL binaries");
		server = ThrowawayServer.withTls();
	}

	@AfterAll
	static void stopServer() throws Exception {
		if (server != null) {
			server.close();
		}
	}

	@Test
	void verifyFullWithTheRootCertificateRunsTheWholeJob() {
		// given the Supabase form of the URL, verifying the server's certificate and name
		Map<String, String> environment = Map.of("DATABASE_URL",
				server.url("sslmode=verify-full&sslrootcert=" + server.rootCertificate()));

		// when
		CliRun seed = CliRun.run(environment, "demo-seed", "--events=6");
		CliRun migrate = CliRun.run(environment, "migrate");
		CliRun backfill = CliRun.run(environment, "backfill", "--limit=6");
		CliRun status = CliRun.run(environment, "status", "--exact");

		// then (the server rejects connections without TLS, so each of these used it)
		assertThat(seed.exitCode()).as(seed.toString()).isZero();
		assertThat(migrate.exitCode()).as(migrate.toString()).isZero();
		assertThat(backfill.exitCode()).as(backfill.toString()).isZero();
		assertThat(backfill.out()).contains("6 events embedded").contains("0 pending");
		assertThat(status.out()).as(status.toString()).contains("6 events, 6 embedded, 0 missing");
	}

	@Test
	void requireEncryptsWithoutVerifying() {
		CliRun executions = CliRun.run(Map.of("DATABASE_URL", server.url("sslmode=require")), "executions");

		assertThat(executions.exitCode()).as(executions.toString()).isZero();
	}

	@Test
	void withoutTlsTheServerRefusesAndTheErrorSaysWhereWithoutThePassword() {
		String url = server.url("sslmode=disable");

		CliRun executions = CliRun.run(Map.of("DATABASE_URL", url), "executions");

		assertThat(executions.exitCode()).isEqualTo(2);
		assertThat(executions.err()).contains("cannot connect to localhost:").contains("no encryption")
			.doesNotContain(url.substring(url.indexOf(':', 12) + 1, url.indexOf('@')));
	}

	@Test
	void verifyFullRefusesAServerItCannotVerify() {
		// given no root certificate that signed the server's: the JVM's default trust is not enough
		CliRun executions = CliRun.run(
				Map.of("DATABASE_URL", server.url("sslmode=verify-full&sslrootcert=/etc/ssl/certs/ca-certificates.crt")),
				"executions");

		assertThat(executions.exitCode()).as(executions.toString()).isEqualTo(2);
		assertThat(executions.err()).contains("cannot connect to localhost:").containsIgnoringCase("SSL");
	}

}
