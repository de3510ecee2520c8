package io.github.iotembeddings.validate;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Recall@k of an approximate search against the exact one. */
final class Recall {

	private Recall() {
	}

	/**
	 * @param exact per query, the ids of the true top k
	 * @param approximate per query, the ids the index returned (possibly fewer than k)
	 * @return the mean, over queries, of the share of the true top k the index found; 1 with no queries
	 */
	static double atK(List<List<Long>> exact, List<List<Long>> approximate) {
		if (exact.size() != approximate.size()) {
			throw new IllegalArgumentException("exact and approximate results are for different queries");
		}
		if (exact.isEmpty()) {
			return 1.0;
		}
		double sum = 0;
		for (int q = 0; q < exact.size(); q++) {
			Set<Long> truth = new HashSet<>(exact.get(q));
			if (truth.isEmpty()) {
				sum += 1.0;
				continue;
			}
			long found = approximate.get(q).stream().filter(truth::contains).distinct().count();
			sum += (double) found / truth.size();
		}
		return sum / exact.size();
	}

}
