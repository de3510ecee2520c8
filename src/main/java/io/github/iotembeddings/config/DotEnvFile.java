package io.github.iotembeddings.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@code .env} file: {@code KEY=value} lines, optional {@code export}, {@code #} comments,
 * single or double quotes around values. Values are not expanded.
 */
public final class DotEnvFile {

	private DotEnvFile() {
	}

	/**
	 * @param file the file to read; a missing file gives no variables
	 * @return the variables in file order
	 */
	public static Map<String, String> read(Path file) {
		if (!Files.isRegularFile(file)) {
			return Map.of();
		}
		try {
			return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + file, ex);
		}
	}

	static Map<String, String> parse(List<String> lines) {
		Map<String, String> variables = new LinkedHashMap<>();
		for (String raw : lines) {
			String line = raw.strip();
			if (line.isEmpty() || line.startsWith("#")) {
				continue;
			}
			if (line.startsWith("export ")) {
				line = line.substring("export ".length()).strip();
			}
			int equals = line.indexOf('=');
			if (equals <= 0) {
				continue;
			}
			variables.put(line.substring(0, equals).strip(), unquote(line.substring(equals + 1).strip()));
		}
		return variables;
	}

	private static String unquote(String value) {
		if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
				|| value.startsWith("'") && value.endsWith("'"))) {
			return value.substring(1, value.length() - 1);
		}
		return value;
	}

}
