package io.github.iotembeddings.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command of the machine's for a test's set-up, failing with its output when it fails. */
public final class Shell {

	private Shell() {
	}

	public static void run(List<String> command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
			throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
		}
	}

}
