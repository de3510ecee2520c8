package io.github.iotembeddings.validate;

import java.util.List;

/**
 * One form of the similarity smoke.
 *
 * @param name which form
 * @param sql the query
 * @param neighbours the top 5
 * @param p50Ms median latency over the repetitions
 * @param p95Ms 95th percentile latency
 * @param usedIndex whether the plan reads the vector index ({@code event_embeddings_embedding_idx}), whatever
 * its type
 * @param indexUsed how the plan reads {@code event_embeddings}: the index with its type and parameters from the
 * catalog, or {@code sequential scan} ({@link QueryPlan#indexUsed()})
 * @param plan EXPLAIN's text
 */
public record SimilarityResult(String name, String sql, List<Neighbour> neighbours, double p50Ms, double p95Ms, boolean usedIndex,
		String indexUsed, String plan) {

}

