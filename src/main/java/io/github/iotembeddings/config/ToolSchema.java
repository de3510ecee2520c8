package io.github.iotembeddings.config;

import java.util.regex.Pattern;

import org.springframework.core.env.Environment;

/**
 * The schema that holds everything the tool owns except {@code public.event_embeddings}: Spring Batch's,
 * Quartz's and Liquibase's tables, the errors table, the text and trigger functions. Not {@code public}:
 * on Supabase, {@code public} is served to anonymous visitors by the Data API. Every session of the tool
 * puts it first on its {@code search_path}, so the tool's own objects are found there, and the user's
 * (and the {@code vector} type, wherever the extension lives) as before.
 *
 * @param name a plain lower-case identifier ({@code embeddings.schema}, default {@code embeddings})
 */
public record ToolSchema(String name) {

	/** The property that names it. */
	public static final String PROPERTY = "embeddings.schema";

	private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

	public ToolSchema {
		if (!IDENTIFIER.matcher(name).matches() || name.equals("public") || name.startsWith("pg_")) {
			throw new InvalidConfigurationException(PROPERTY + " (EMBEDDINGS_SCHEMA) must be a lower-case identifier"
					+ " other than public and pg_*, not '" + name + "'");
		}
	}

	static ToolSchema from(Environment environment) {
		return new ToolSchema(environment.getProperty(PROPERTY, "embeddings"));
	}

	/** @return the name qualified with this schema, e.g. {@code embeddings.event_embedding_errors} */
	public String qualify(String object) {
		return name + "." + object;
	}

	/** @return SQL that puts the schema first on the session's search_path, keeping the rest */
	String searchPathSql() {
		return "select set_config('search_path', '" + name + ", ' || current_setting('search_path'), false)";
	}

}
