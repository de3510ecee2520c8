package io.github.iotembeddings.search;

import java.util.List;

/**
 * The nearest events and what finding them took.
 *
 * @param model the model id that embedded the query (and the rows)
 * @param hits nearest first
 * @param embedMillis time to embed the query
 * @param searchMillis time in {@code match_iot_events} and reading the texts
 */
public record SearchResult(String model, List<SearchHit> hits, double embedMillis, double searchMillis) {

}
