package io.github.iotembeddings.index;

import org.jspecify.annotations.Nullable;

/**
 * How many IVFFlat lists the tool's own similarity queries search ({@code ivfflat.probes}). pgvector's
 * guidance is to start at the square root of the lists; one probe, the server default, misses a large
 * share of the true neighbours once the index has real centroids.
 */
public final class SearchProbes {

	private SearchProbes() {
	}

	/**
	 * @param lists the index's lists
	 * @param configured {@code embeddings.index.probes}, or null to derive it
	 * @return the probes to use, between 1 and lists
	 */
	public static int forLists(int lists, @Nullable Integer configured) {
		int probes = (configured != null) ? configured : (int) Math.ceil(Math.sqrt(lists));
		return Math.max(1, Math.min(probes, Math.max(lists, 1)));
	}

}
