package io.github.iotembeddings.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the packaged {@code target/iot-embeddings.jar} as a separate process, the way a user does, and
 * captures everything it prints (logs included).
 *
 * @param exitCode the exit code
 * @param output standard output and standard error, interleaved
 */
public record JarProcess(int exitCode, String output) {

	public static final String OUTPUT = "output.log";

	private static final Path JAR = Path.of("target", "iot-embeddings.jar");

	public static JarProcess run(Path workingDir, Map<String, String> environment, String... args)
			throws IOException, InterruptedException {
		Process process = start(workingDir, environment, args);
		if (!process.waitFor(120, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException("iot-embeddings " + String.join(" ", args) + " did not exit in 120 s");
		}
		return new JarProcess(process.exitValue(), Files.readString(workingDir.resolve(OUTPUT), StandardCharsets.UTF_8));
	}

	/** @return what a jar started in {@code workingDir} has printed so far */
	public static String output(Path workingDir) {
		try {
			return Files.readString(workingDir.resolve(OUTPUT));
		}
		catch (IOException ex) {
			return "(no output: " + ex.getMessage() + ")";
		}
	}

	/** Starts the jar and returns at once; its output goes to {@value #OUTPUT} in {@code workingDir}. */
	public static Process start(Path workingDir, Map<String, String> environment, String... args) throws IOException {
		if (!Files.isRegularFile(JAR)) {
			throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: run the tests with mvn verify");
		}
		// The C1 compiler alone and the serial collector start a short-lived JVM about a third faster
		// here; neither changes what the tool does.
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", JAR.toAbsolutePath().toString()));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(workingDir.resolve(OUTPUT).toFile());
		builder.environment().keySet().removeIf(name -> name.startsWith("DATABASE_"));
		// schedule and serve would take the fixed management port (8081), which two of them (this test's and
		// another's, running beside it) cannot share: a free one, unless the test names its own.
		builder.environment().put("MANAGEMENT_SERVER_PORT", "0");
		builder.environment().putAll(environment);
		return builder.start();
	}

	/**
	 * Starts the jar on {@code db}, SIGKILLs it once a chunk of 5 is committed, and waits until the server
	 * has ended its sessions (and so released its locks).
	 */
	public static void killAfterFirstCommittedChunk(TestDatabase db, Path workingDir, String... args) throws Exception {
		Process process = start(workingDir, db.environment(), args);
		Await.until(Duration.ofSeconds(60), "a committed chunk",
				() -> db.count("select count(*) from public.event_embeddings") >= 5);
		process.destroyForcibly().waitFor();
		Await.until(Duration.ofSeconds(60), "the killed process's sessions to end",
				() -> db.count("select count(*) from pg_locks where locktype = 'advisory'"
						+ " and database = (select oid from pg_database where datname = current_database())") == 0);
	}

}
