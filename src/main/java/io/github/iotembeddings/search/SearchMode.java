package io.github.iotembeddings.search;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a search finds events. Every entry point uses {@link #HYBRID} unless told otherwise.
 */
public enum SearchMode {

	/**
	 * Keyword and vector candidates fused by reciprocal rank fusion ({@code public.hybrid_match_iot_events}):
	 * finds {@code door-05} by its name and "too hot in the server room" by its meaning.
	 */
	HYBRID,

	/** The nearest events in meaning only ({@code public.match_iot_events}), as before hybrid search. */
	SEMANTIC,

	/** The events whose text has the query's words only; needs no model. */
	KEYWORD;

	/**
	 * @param value {@code hybrid}, {@code semantic} or {@code keyword}, in any case
	 * @return the mode it names
	 * @throws InvalidQueryException naming the modes there are
	 */
	public static SearchMode parse(String value) {
		try {
			return valueOf(value.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidQueryException("mode must be one of " + names() + ", not '" + value + "'");
		}
	}

	/** @return the mode as the entry points spell it */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	static String names() {
		return Arrays.stream(values()).map(SearchMode::id).collect(Collectors.joining(", "));
	}

}
