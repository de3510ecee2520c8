package io.github.iotembeddings.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The options every command takes, mixed into each by {@link ParsedCommand}. All but {@code --reports-dir}
 * set a configuration property, above every other source of it; the property's type checks the value,
 * whichever source it came from (config/InvalidSettings reports what it rejects).
 */
final class CommonOptions {

	private static final Map<String, String> OPTION_FOR_PROPERTY = Map.of("embeddings.job.chunk-size",
			"--chunk-size", "embeddings.model.dir", "--model", "embeddings.model.quantized", "--quantized",
			"embeddings.model.max-length", "--max-length", "embeddings.schedule.cron", "--cron");

	@Option(names = "--chunk-size", paramLabel = "N", order = 100,
			description = "events per chunk and per commit (default 64)")
	@Nullable Integer chunkSize;

	@Option(names = "--model", paramLabel = "DIR", order = 101,
			description = "the model: model.onnx or *.pt, and tokenizer.json (default: the bundled all-MiniLM-L6-v2)")
	@Nullable String model;

	@Option(names = "--quantized", arity = "1", paramLabel = "true|false", order = 102,
			description = "the bundled model's int8 version: faster, slightly different vectors")
	@Nullable Boolean quantized;

	@Option(names = "--max-length", paramLabel = "TOKENS", order = 103,
			description = "tokens a text is cut to (default: the model's limit)")
	@Nullable Integer maxLength;

	@Option(names = "--reports-dir", paramLabel = "DIR", order = 104,
			description = "where the reports go (default: EMBEDDINGS_REPORTS_DIR, else _reports)")
	@Nullable String reportsDir;

	/** @return the configuration properties the given options set */
	Map<String, Object> properties() {
		Map<String, Object> properties = new LinkedHashMap<>();
		putIfGiven(properties, "embeddings.job.chunk-size", chunkSize);
		putIfGiven(properties, "embeddings.model.dir", model);
		putIfGiven(properties, "embeddings.model.quantized", quantized);
		putIfGiven(properties, "embeddings.model.max-length", maxLength);
		return properties;
	}

	/** @return the option that sets a configuration property, or null when none does */
	static @Nullable String optionFor(String property) {
		return OPTION_FOR_PROPERTY.get(property);
	}

	static void putIfGiven(Map<String, Object> properties, String name, @Nullable Object value) {
		if (value != null) {
			properties.put(name, value);
		}
	}

}
