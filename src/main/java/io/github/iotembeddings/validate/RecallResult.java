package io.github.iotembeddings.validate;

import org.jspecify.annotations.Nullable;

/**
 * Recall@k of the vector index against exact search (ties counted as found), and the latency of the
 * top-5 query at the probes the tool sets.
 *
 * @param queries query vectors sampled
 * @param k neighbours compared
 * @param searchSetting how the index is searched: {@code ivfflat.probes} or {@code hnsw.ef_search}
 * @param probesInUse its value in the tool's queries (for IVFFlat, sqrt(lists) unless configured)
 * @param recallAtProbesInUse recall@k at that setting
 * @param target the recall aimed for
 * @param probesForTarget the smallest value of the setting reaching it (probes: powers of two, then lists;
 * ef_search: 10 to 1000), or null
 * @param lists the index's lists
 * @param topFiveP50Ms median latency of the top-5 query, one per sampled vector, at probesInUse
 * @param topFiveP95Ms its 95th percentile
 * @param indexUsed how the top-k query whose recall is measured read {@code event_embeddings} (sequential
 * scans off, at probesInUse): the index with its type and parameters from the catalog
 */
public record RecallResult(int queries, int k, String searchSetting, int probesInUse, double recallAtProbesInUse, double target,
		@Nullable Integer probesForTarget, int lists, double topFiveP50Ms, double topFiveP95Ms, String indexUsed) {

}
