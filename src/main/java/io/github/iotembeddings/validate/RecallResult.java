package io.github.iotembeddings.validate;

import org.jspecify.annotations.Nullable;

/**
 * Recall@k of the IVFFlat index against exact search (ties counted as found), and the latency of the
 * top-5 query at the probes the tool sets.
 *
 * @param queries query vectors sampled
 * @param k neighbours compared
 * @param probesInUse the ivfflat.probes the tool sets (sqrt(lists) unless configured)
 * @param recallAtProbesInUse recall@k at that setting
 * @param target the recall aimed for
 * @param probesForTarget the fewest probes (powers of two, then lists) reaching it, or null
 * @param lists the index's lists
 * @param topFiveP50Ms median latency of the top-5 query, one per sampled vector, at probesInUse
 * @param topFiveP95Ms its 95th percentile
 */
public record RecallResult(int queries, int k, int probesInUse, double recallAtProbesInUse, double target,
		@Nullable Integer probesForTarget, int lists, double topFiveP50Ms, double topFiveP95Ms) {

}
