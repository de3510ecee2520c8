package io.github.iotembeddings.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.UUID;

import io.github.iotembeddings.config.ReportsProperties;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Writes report files into the reports directory, each atomically (a reader never sees half a file),
 * with the permissions of any file the user creates (0644 under the usual umask), so a CI job or a
 * colleague running as another user can read them. A report file is JSON from a record, or text from the
 * template named after it ({@link ReportTemplates}).
 */
@Component
public class ReportFiles {

	private final ReportsProperties properties;

	private final JsonMapper jsonMapper;

	private final ReportTemplates templates;

	ReportFiles(ReportsProperties properties, JsonMapper jsonMapper, ReportTemplates templates) {
		this.properties = properties;
		this.jsonMapper = jsonMapper;
		this.templates = templates;
	}

	/** @param value a record: its components are the JSON's fields, in their order */
	Path writeJson(String name, Object value) {
		return writeText(name, jsonMapper.writerWithDefaultPrettyPrinter().writeValueAsString(value) + "\n");
	}

	/** Writes the file {@code name} from the template of that name in {@code templates/reports/}. */
	Path writeTemplate(String name, Map<String, ?> variables) {
		return writeText(name, templates.render(name, variables));
	}

	private Path writeText(String name, String text) {
		try {
			Path dir = properties.dir();
			Files.createDirectories(dir);
			Path target = dir.resolve(name);
			// Not Files.createTempFile: it makes the file 0600 whatever the umask.
			Path partial = dir.resolve("." + name + "." + UUID.randomUUID() + ".partial");
			Files.writeString(partial, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
					StandardOpenOption.WRITE);
			Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write " + name + " in " + properties.dir()
					+ ": check --reports-dir (or embeddings.reports.dir)", ex);
		}
	}

}
