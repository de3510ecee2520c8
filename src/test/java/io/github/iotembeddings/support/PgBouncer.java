package io.github.iotembeddings.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.iotembeddings.config.ConnectionSettings;

/**
 * A real PgBouncer (Debian's package, installed by scripts/test.sh) in front of one test database, in the
 * pool mode asked for, on a port of its own; stopped and removed on close. It runs as {@code postgres}
 * (PgBouncer refuses root), so its files live in a directory that user can read.
 */
public final class PgBouncer implements AutoCloseable {

	private static final Path BINARY = Path.of("/usr/sbin/pgbouncer");

	private final Path dir;

	private final Process process;

	private final int port;

	private PgBouncer(Path dir, Process process, int port) {
		this.dir = dir;
		this.process = process;
		this.port = port;
	}

	/** @return whether this machine can start one (the package, and root to run it as postgres) */
	public static boolean available() {
		return Files.isExecutable(BINARY) && "root".equals(System.getProperty("user.name"));
	}

	/**
	 * @param db the database to pool
	 * @param poolMode {@code session} or {@code transaction}
	 */
	public static PgBouncer start(TestDatabase db, String poolMode) throws Exception {
		ConnectionSettings target = db.connection();
		String hostPort = target.describe().substring(0, target.describe().indexOf('/'));
		Path dir = Files.createTempDirectory("iot-embeddings-pgbouncer");
		Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
		int port = Http.freePort();
		Files.writeString(dir.resolve("users.txt"), "\"" + target.user() + "\" \"" + target.password() + "\"\n");
		Files.writeString(dir.resolve("pgbouncer.ini"), String.join("\n", "[databases]",
				db.name() + " = host=" + hostPort.substring(0, hostPort.indexOf(':')) + " port="
						+ hostPort.substring(hostPort.indexOf(':') + 1) + " dbname=" + db.name(),
				"[pgbouncer]", "listen_addr = 127.0.0.1", "listen_port = " + port, "unix_socket_dir =",
				"auth_type = plain", "auth_file = " + dir.resolve("users.txt"), "pool_mode = " + poolMode,
				"default_pool_size = 4", "ignore_startup_parameters = extra_float_digits,options",
				"logfile = " + dir.resolve("pgbouncer.log"), ""), StandardCharsets.UTF_8);
		Shell.run(List.of("chown", "-R", "postgres", dir.toString()));
		Process process = new ProcessBuilder("runuser", "-u", "postgres", "--", BINARY.toString(),
				dir.resolve("pgbouncer.ini").toString()).redirectErrorStream(true)
			.redirectOutput(dir.resolve("stdout.log").toFile())
			.start();
		PgBouncer bouncer = new PgBouncer(dir, process, port);
		Await.until(Duration.ofSeconds(30), "PgBouncer to listen", bouncer::listening);
		return bouncer;
	}

	/** @return the test database's URL through this PgBouncer, with its credentials */
	public String url(TestDatabase db) {
		return "postgresql://" + db.connection().user() + ":" + db.connection().password() + "@127.0.0.1:" + port + "/"
				+ db.name();
	}

	private boolean listening() {
		try (java.net.Socket ignored = new java.net.Socket("127.0.0.1", port)) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	@Override
	public void close() throws Exception {
		process.destroy();
		process.waitFor(30, TimeUnit.SECONDS);
		Shell.run(List.of("rm", "-rf", dir.toString()));
	}

}
