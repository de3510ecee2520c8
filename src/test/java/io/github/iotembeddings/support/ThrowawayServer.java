package io.github.iotembeddings.support;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.UUID;

/**
 * A throw-away PostgreSQL instance with TLS on, for the TLS tests: its own data directory and port,
 * a certificate authority and a server certificate for {@code localhost} made with openssl, and a
 * pg_hba.conf that rejects every connection without TLS, so a test that connects has used it. Built from
 * the same binaries as the local server (pgvector included); the user's server and its configuration
 * are left alone. Needs root (the instance runs as {@code postgres}) and openssl.
 */
public final class TlsServer implements AutoCloseable {

	private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");

	private final Path dir;

	private final int port;

	private final String password;

	private TlsServer(Path dir, int port, String password) {
		this.dir = dir;
		this.port = port;
		this.password = password;
	}

	/** @return whether this machine can start one (root, the PostgreSQL 15 binaries, openssl) */
	public static boolean available() {
		return Files.isExecutable(BIN.resolve("initdb")) && Files.isExecutable(Path.of("/usr/bin/openssl"))
				&& "root".equals(System.getProperty("user.name"));
	}

	public static TlsServer start() throws Exception {
		Path dir = Files.createTempDirectory("iot-embeddings-tls");
		Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
		String password = UUID.randomUUID().toString();
		TlsServer server = new TlsServer(dir, Http.freePort(), password);
		server.makeCertificates();
		server.initialise();
		Shell.run(List.of("runuser", "-u", "postgres", "--", BIN.resolve("pg_ctl").toString(), "-D",
				dir.resolve("data").toString(), "-l", dir.resolve("server.log").toString(), "-w", "start"));
		return server;
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
		Shell.run(List.of("chmod", "600", dir.resolve("server.key").toString()));
		Shell.run(List.of("runuser", "-u", "postgres", "--", BIN.resolve("initdb").toString(), "-D", data.toString(), "-U",
				"postgres", "--auth=scram-sha-256", "--pwfile=" + passwordFile));
		Files.writeString(data.resolve("postgresql.auto.conf"), String.join("\n", "port = " + port,
				"listen_addresses = '127.0.0.1'", "unix_socket_directories = '" + dir + "'", "ssl = on",
				"ssl_cert_file = '" + dir.resolve("server.crt") + "'", "ssl_key_file = '" + dir.resolve("server.key") + "'",
				"") , StandardCharsets.UTF_8);
		Files.writeString(data.resolve("pg_hba.conf"), String.join("\n", "hostssl all all 127.0.0.1/32 scram-sha-256",
				"hostnossl all all 127.0.0.1/32 reject", ""), StandardCharsets.UTF_8);
		Shell.run(List.of("chown", "-R", "postgres", dir.toString()));
	}

	@Override
	public void close() throws Exception {
		Shell.run(List.of("runuser", "-u", "postgres", "--", BIN.resolve("pg_ctl").toString(), "-D",
				dir.resolve("data").toString(), "-m", "immediate", "-w", "stop"));
		Shell.run(List.of("rm", "-rf", dir.toString()));
	}

}
