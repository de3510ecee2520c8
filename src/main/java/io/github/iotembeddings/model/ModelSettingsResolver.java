package io.github.iotembeddings.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.iotembeddings.common.Messages;
import io.github.iotembeddings.config.InvalidConfigurationException;
import io.github.iotembeddings.config.ModelProperties;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Decides the {@link ModelSettings}, each from the first of: the configuration, the model directory in
 * sentence-transformers' layout ({@code 1_Pooling/config.json}, the {@code prompts} of
 * {@code config_sentence_transformers.json}), the defaults. Never silently: each setting comes with where
 * it came from, for the load log line; a pooling the tool cannot compute is refused.
 */
final class ModelSettingsResolver {

	static final String POOLING_CONFIG = "1_Pooling/config.json";

	static final String PROMPTS_CONFIG = "config_sentence_transformers.json";

	/** Prompt names sentence-transformers models use for each side, in the order they are looked for. */
	private static final List<String> QUERY_PROMPTS = List.of("query", "search_query");

	private static final List<String> PASSAGE_PROMPTS = List.of("passage", "document", "search_document");

	private static final Map<String, Pooling> POOLING_MODES = Map.of("pooling_mode_mean_tokens", Pooling.MEAN,
			"pooling_mode_cls_token", Pooling.CLS);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ModelSettingsResolver() {
	}

	/**
	 * The settings and where each came from.
	 *
	 * @param settings what is applied
	 * @param description e.g. {@code pooling cls (1_Pooling/config.json), query prefix none (default: ...)}
	 */
	record Resolved(ModelSettings settings, String description) {

	}

	/**
	 * @param properties the configuration; {@code dir} unset for the bundled model
	 * @return the settings to apply
	 */
	static Resolved resolve(ModelProperties properties) {
		Path dir = properties.dir();
		Source<Pooling> pooling = (properties.pooling() != null)
				? new Source<>(parse(properties.pooling(), "embeddings.model.pooling"), "configured: embeddings.model.pooling")
				: (dir == null) ? new Source<>(Pooling.MEAN, "bundled model") : directoryPooling(dir);
		JsonNode prompts = (dir == null) ? null : prompts(dir);
		Source<String> query = prefix(properties.queryPrefix(), "embeddings.model.query-prefix", dir, prompts,
				QUERY_PROMPTS);
		Source<String> passage = prefix(properties.passagePrefix(), "embeddings.model.passage-prefix", dir, prompts,
				PASSAGE_PROMPTS);
		if (dir != null && pooling.value == Pooling.MEAN && !passage.value.isEmpty() && excludesPrompt(dir)) {
			throw new InvalidConfigurationException("model " + dir + ": " + POOLING_CONFIG + " pools without the"
					+ " prompt tokens (include_prompt false), which this tool does not do: its vectors would differ");
		}
		ModelSettings settings = new ModelSettings(pooling.value, query.value, passage.value);
		return new Resolved(settings, "pooling " + pooling.value + " (" + pooling.source + "), query prefix "
				+ quoted(query.value) + " (" + query.source + "), passage prefix " + quoted(passage.value) + " ("
				+ passage.source + ")");
	}

	/** @throws InvalidConfigurationException naming {@code where} when the value is no {@link Pooling} */
	static Pooling parse(String value, String where) {
		for (Pooling pooling : Pooling.values()) {
			if (pooling.toString().equals(value.strip().toLowerCase(Locale.ROOT))) {
				return pooling;
			}
		}
		throw new InvalidConfigurationException(where + " is \"" + value + "\": the tool pools by mean or cls");
	}

	private static Source<Pooling> directoryPooling(Path dir) {
		JsonNode config = readJson(dir.resolve(POOLING_CONFIG));
		if (config == null) {
			return new Source<>(Pooling.MEAN, "default: no " + POOLING_CONFIG);
		}
		List<String> modes = new ArrayList<>();
		config.properties().forEach(field -> {
			if (field.getKey().startsWith("pooling_mode_") && field.getValue().asBoolean(false)) {
				modes.add(field.getKey());
			}
		});
		if (modes.size() == 1 && POOLING_MODES.containsKey(modes.get(0))) {
			return new Source<>(POOLING_MODES.get(modes.get(0)), POOLING_CONFIG);
		}
		throw new InvalidConfigurationException("model " + dir + ": " + POOLING_CONFIG + " asks for "
				+ (modes.isEmpty() ? "no pooling" : String.join(" + ", modes)) + "; the tool pools by mean or cls"
				+ " (pooling_mode_mean_tokens or pooling_mode_cls_token): set embeddings.model.pooling"
				+ " (EMBEDDINGS_MODEL_POOLING) only if the model's card says one of those is right");
	}

	private static boolean excludesPrompt(Path dir) {
		JsonNode config = readJson(dir.resolve(POOLING_CONFIG));
		return config != null && config.has("include_prompt") && !config.get("include_prompt").asBoolean(true);
	}

	private static @Nullable JsonNode prompts(Path dir) {
		JsonNode config = readJson(dir.resolve(PROMPTS_CONFIG));
		if (config == null) {
			return null;
		}
		JsonNode prompts = config.get("prompts");
		return (prompts != null && prompts.isObject()) ? prompts : JSON.createObjectNode();
	}

	private static Source<String> prefix(@Nullable String configured, String property, @Nullable Path dir,
			@Nullable JsonNode prompts, List<String> names) {
		if (configured != null) {
			return new Source<>(configured, "configured: " + property);
		}
		if (dir == null) {
			return new Source<>("", "bundled model");
		}
		if (prompts == null) {
			return new Source<>("", "default: no " + PROMPTS_CONFIG);
		}
		for (String name : names) {
			JsonNode prompt = prompts.get(name);
			if (prompt != null && prompt.isString()) {
				return new Source<>(prompt.asString(), PROMPTS_CONFIG + " prompts." + name);
			}
		}
		return new Source<>("", "default: " + PROMPTS_CONFIG + " has no " + String.join("/", names) + " prompt");
	}

	private static @Nullable JsonNode readJson(Path file) {
		if (!Files.isRegularFile(file)) {
			return null;
		}
		try {
			return JSON.readTree(Files.readString(file));
		}
		catch (java.io.IOException | JacksonException ex) {
			throw new InvalidConfigurationException("cannot read " + file + ": " + Messages.firstLine(ex), ex);
		}
	}

	private static String quoted(String prefix) {
		return prefix.isEmpty() ? "none" : "\"" + prefix + "\"";
	}

	private record Source<T>(T value, String source) {

	}

}
