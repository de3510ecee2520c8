package io.github.iotembeddings.support;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.UUID;

import io.github.iotembeddings.config.ConnectionSettings;

/**
 * A throw-away PostgreSQL instance: its own data directory and port, built from the same binaries as the
 * local server (pgvector included), so a test may restart it or turn on TLS while the user's server and
 * its configuration are left alone. {@link #withTls()}: a certificate authority and a server certificate
 * for {@code localhost} made with openssl, and a pg_hba.conf that rejects every connection without TLS,
 * so a test that connects has used it. Needs root (the instance runs as {@code postgres}) and openssl.
 */
public final class ThrowawayServer implements AutoCloseable {

	private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");

	private final Path dir;

	private final int port;

	private final String password;

	private final boolean tls;

	private ThrowawayServer(Path dir, int port, String password, boolean tls) {
		this.dir = dir;
		this.port = port;
		this.password = password;
		this.tls = tls;
	}

	/** @return whether this machine can start one (root, the PostgreSQL 15 binaries, openssl) */
	public static boolean available() {
		return Files.isExecutable(BIN.resolve("initdb")) && Files.isExecutable(Path.of("/usr/bin/openssl"))
				&& "root".equals(System.getProperty("user.name"));
	}

	/** @return a started instance that accepts only TLS connections */
	public static ThrowawayServer withTls() throws Exception {
		return start(true);
	}

	/** @return a started instance without TLS */
	public static ThrowawayServer plain() throws Exception {
		return start(false);
	}

	private static ThrowawayServer start(boolean tls) throws Exception {
		Path dir = Files.createTempDirectory("iot-embeddings-pg");
		Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
		String password = UUID.randomUUID().toString();
		ThrowawayServer server = new ThrowawayServer(dir, Http.freePort(), password, tls);
		if (tls) {
			server.makeCertificates();
		}
		server.initialise();
		server.pgCtl("start");
		return server;
	}

	/** Stops the server as a crash or a failover does (immediate: no checkpoint, sessions cut) and starts it again. */
	public void restart() throws Exception {
		pgCtl("-m", "immediate", "stop");
		pgCtl("start");
	}

	/** Stops the server as a crash does. */
	public void crash() throws Exception {
		pgCtl("-m", "immediate", "stop");
	}

	/** Starts the server again after {@link #crash()}. */
	public void startAgain() throws Exception {
		pgCtl("start");
	}

	private void pgCtl(String... action) throws Exception {
		List<String> command = new java.util.ArrayList<>(List.of("runuser", "-u", "postgres", "--",
				BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l",
				dir.resolve("server.log").toString(), "-w"));
		command.addAll(List.of(action));
		Shell.run(command);
	}

	/** @return the {@code postgres} superuser's connection to the instance's {@code postgres} database */
	public ConnectionSettings connection() {
		return new ConnectionSettings("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", password);
	}

	/** @return the CA certificate that signed the server's */
	public Path rootCertificate() {
		return dir.resolve("root.crt");
	}

	/** @return a Supabase-style URL to the instance's {@code postgres} database, with the given query */
	public String url(String query) {
		return "postgresql://postgres:" + password + "@localhost:" + port + "/postgres?" + query;
	}

	private void makeCertificates() throws Exception {
		String root = dir.resolve("root").toString();
		String server = dir.resolve("server").toString();
		Shell.run(List.of("openssl", "req", "-new", "-x509", "-days", "2", "-nodes", "-newkey", "rsa:2048", "-subj",
				"/CN=iot-embeddings test CA", "-keyout", root + ".key", "-out", root + ".crt"));
		Shell.run(List.of("openssl", "req", "-new", "-nodes", "-newkey", "rsa:2048", "-subj", "/CN=localhost", "-keyout",
				server + ".key", "-out", server + ".csr"));
		Path extensions = dir.resolve("san.ext");
		Files.writeString(extensions, "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
		Shell.run(List.of("openssl", "x509", "-req", "-days", "2", "-in", server + ".csr", "-CA", root + ".crt", "-CAkey",
				root + ".key", "-CAcreateserial", "-extfile", extensions.toString(), "-out", server + ".crt"));
	}

	private void initialise() throws Exception {
		Path data = dir.resolve("data");
		Path passwordFile = dir.resolve("password");
		Files.writeString(passwordFile, password + "\n");
		Shell.run(List.of("chown", "-R", "postgres", dir.toString()));
		if (tls) {
			Shell.run(List.of("chmod", "600", dir.resolve("server.key").toString()));
		}
		Shell.run(List.of("runuser", "-u", "postgres", "--", BIN.resolve("initdb").toString(), "-D", data.toString(), "-U",
				"postgres", "--auth=scram-sha-256", "--pwfile=" + passwordFile));
		String settings = "port = " + port + "\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '" + dir + "'\n";
		String hba = "host all all 127.0.0.1/32 scram-sha-256\n";
		if (tls) {
			settings += "ssl = on\nssl_cert_file = '" + dir.resolve("server.crt") + "'\nssl_key_file = '"
					+ dir.resolve("server.key") + "'\n";
			hba = "hostssl all all 127.0.0.1/32 scram-sha-256\nhostnossl all all 127.0.0.1/32 reject\n";
		}
		Files.writeString(data.resolve("postgresql.auto.conf"), settings, StandardCharsets.UTF_8);
		Files.writeString(data.resolve("pg_hba.conf"), hba, StandardCharsets.UTF_8);
		Shell.run(List.of("chown", "-R", "postgres", dir.toString()));
	}

	@Override
	public void close() throws Exception {
		try {
			pgCtl("-m", "immediate", "stop");
		}
		catch (Exception ex) {
			// already stopped
		}
		Shell.run(List.of("rm", "-rf", dir.toString()));
	}

}
