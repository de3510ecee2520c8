package io.github.iotembeddings.search;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The nearest events and what finding them took.
 *
 * @param mode how they were found
 * @param model the model id that embedded the query (and the rows); {@code null} in keyword mode, which
 * embeds nothing
 * @param hits best first
 * @param embedMillis time to embed the query (0 in keyword mode)
 * @param searchMillis time in the match function and reading the texts
 */
public record SearchResult(SearchMode mode, @Nullable String model, List<SearchHit> hits, double embedMillis,
		double searchMillis) {

}
