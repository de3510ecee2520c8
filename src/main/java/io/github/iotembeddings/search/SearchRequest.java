package io.github.iotembeddings.search;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What to search for.
 *
 * @param text the query text: its words for the keyword search, and embedded with the model's query prefix
 * @param limit how many events to return
 * @param since only events created at or after this instant, or null
 * @param until only events created before this instant, or null
 * @param where column of {@code iot_events} to the value it must have (a JSON object's text for a
 * {@code jsonb} column, which the event's value must contain)
 * @param mode how to find them
 */
public record SearchRequest(String text, int limit, @Nullable Instant since, @Nullable Instant until,
		Map<String, String> where, SearchMode mode) {

	public SearchRequest {
		where = Map.copyOf(where);
	}

}
