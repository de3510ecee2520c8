package io.github.iotembeddings.validate;

import org.jspecify.annotations.Nullable;

/**
 * Recall@k of the IVFFlat index against exact search.
 *
 * @param queries query vectors sampled
 * @param k neighbours compared
 * @param probesInUse the session's ivfflat.probes
 * @param recallAtProbesInUse recall@k at that setting
 * @param target the recall aimed for
 * @param probesForTarget the fewest probes (powers of two, then lists) reaching it, or null
 * @param lists the index's lists
 */
public record RecallResult(int queries, int k, int probesInUse, double recallAtProbesInUse, double target,
		@Nullable Integer probesForTarget, int lists) {

}
