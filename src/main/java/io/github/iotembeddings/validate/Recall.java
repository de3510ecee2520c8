package io.github.iotembeddings.validate;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Recall@k of an approximate search against the exact one, counting ties: a neighbour the index returns
 * is a true one when it is no farther than the exact search's k-th. Events often repeat a text word for
 * word, so many rows share a vector; which of several equally near rows a search returns is arbitrary,
 * and counting by id alone would call the exact search itself imperfect.
 */
final class Recall {

	/** Distances computed in float4 by two plans may differ in the last bits. */
	private static final double TOLERANCE = 1e-6;

	private Recall() {
	}

	/**
	 * @param exact per query, the true top k, nearest first
	 * @param approximate per query, what the index returned (possibly fewer than k)
	 * @return the mean, over queries, of the share of k the index found; 1 with no queries
	 */
	static double atK(List<List<Hit>> exact, List<List<Hit>> approximate) {
		if (exact.size() != approximate.size()) {
			throw new IllegalArgumentException("exact and approximate results are for different queries");
		}
		if (exact.isEmpty()) {
			return 1.0;
		}
		double sum = 0;
		for (int q = 0; q < exact.size(); q++) {
			List<Hit> truth = exact.get(q);
			if (truth.isEmpty()) {
				sum += 1.0;
				continue;
			}
			double kthDistance = truth.get(truth.size() - 1).distance();
			Set<Long> found = new HashSet<>();
			for (Hit hit : approximate.get(q)) {
				if (hit.distance() <= kthDistance + TOLERANCE) {
					found.add(hit.id());
				}
			}
			sum += (double) Math.min(found.size(), truth.size()) / truth.size();
		}
		return sum / exact.size();
	}

	/**
	 * One search result.
	 *
	 * @param id the event id
	 * @param distance its cosine distance to the query
	 */
	record Hit(long id, double distance) {

	}

}
