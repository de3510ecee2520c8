package io.github.iotembeddings.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.github.iotembeddings.cli.Cli;

/**
 * The result of running the command line in-process, the way {@code java -jar} would, with a given
 * environment and an empty working directory (so no stray {@code .env} is read).
 *
 * @param exitCode the exit code
 * @param out what the command printed
 * @param err the error line, if any
 */
public record CliRun(int exitCode, String out, String err) {

	public static CliRun run(Map<String, String> environment, String... args) {
		try {
			return run(environment, Files.createTempDirectory("iot-embeddings-cli"), args);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static CliRun run(Map<String, String> environment, Path workingDir, String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int exitCode = Cli.run(args, environment, workingDir, new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8));
		return new CliRun(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	@Override
	public String toString() {
		return "exit " + exitCode + "\nout: " + out + "\nerr: " + err;
	}

}
