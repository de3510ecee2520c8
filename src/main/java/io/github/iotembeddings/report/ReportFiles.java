package io.github.iotembeddings.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import io.github.iotembeddings.config.ReportsProperties;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Writes report files into the reports directory, each atomically (a reader never sees half a file).
 */
@Component
public class ReportFiles {

	private final ReportsProperties properties;

	private final JsonMapper jsonMapper;

	ReportFiles(ReportsProperties properties, JsonMapper jsonMapper) {
		this.properties = properties;
		this.jsonMapper = jsonMapper;
	}

	Path writeJson(String name, Object value) {
		return writeText(name, jsonMapper.writerWithDefaultPrettyPrinter().writeValueAsString(value) + "\n");
	}

	Path writeText(String name, String text) {
		try {
			Path dir = properties.dir();
			Files.createDirectories(dir);
			Path target = dir.resolve(name);
			Path partial = Files.createTempFile(dir, name, ".partial");
			Files.writeString(partial, text, StandardCharsets.UTF_8);
			Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write " + name + " in " + properties.dir()
					+ ": check --reports-dir (or embeddings.reports.dir)", ex);
		}
	}

}
