package io.github.iotembeddings.index;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * An index's options as they apply: what {@code pg_class.reloptions} says, and pgvector's defaults for
 * what the index was created without. The one place those defaults are known: the index lifecycle, the
 * reports and the console all describe an index through it.
 */
public final class IndexOptions {

	private static final Map<String, Map<String, String>> DEFAULTS = Map.of(
			"hnsw", ordered("m", "16", "ef_construction", "64"),
			"ivfflat", ordered("lists", "100"));

	private IndexOptions() {
	}

	/**
	 * @param method the access method, e.g. {@code hnsw}
	 * @param reloptions {@code pg_class.reloptions} joined by commas, or null
	 * @return the options in effect, pgvector's defaults first, in their order
	 */
	public static Map<String, String> of(String method, @Nullable String reloptions) {
		Map<String, String> options = new LinkedHashMap<>(DEFAULTS.getOrDefault(method, Map.of()));
		if (reloptions != null && !reloptions.isEmpty()) {
			for (String option : reloptions.split(",")) {
				int equals = option.indexOf('=');
				options.put(option.substring(0, equals), option.substring(equals + 1));
			}
		}
		return options;
	}

	/**
	 * @param method the access method
	 * @param options the options in effect ({@link #of})
	 * @return e.g. {@code hnsw (m=16, ef_construction=64)}, or the method alone when it has none
	 */
	public static String describe(String method, Map<String, String> options) {
		return options.isEmpty() ? method : options.entrySet().stream()
			.map(option -> option.getKey() + "=" + option.getValue())
			.collect(Collectors.joining(", ", method + " (", ")"));
	}

	private static Map<String, String> ordered(String... keysAndValues) {
		Map<String, String> map = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			map.put(keysAndValues[i], keysAndValues[i + 1]);
		}
		return map;
	}

}
