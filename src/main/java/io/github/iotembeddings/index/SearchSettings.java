package io.github.iotembeddings.index;

import io.github.iotembeddings.config.IndexProperties;
import io.github.iotembeddings.config.IndexProperties.IndexType;
import org.jspecify.annotations.Nullable;

/**
 * How the tool's own similarity queries search the index: {@code ivfflat.probes} from the index's lists
 * (pgvector's guidance: start at their square root; the server default of 1 misses a large share of the
 * true neighbours once the index has real centroids), or {@code hnsw.ef_search} as configured.
 *
 * @param name the setting, {@code ivfflat.probes} or {@code hnsw.ef_search}
 * @param value its value
 */
public record SearchSettings(String name, int value) {

	public static final String IVFFLAT_PROBES = "ivfflat.probes";

	public static final String HNSW_EF_SEARCH = "hnsw.ef_search";

	/**
	 * @param state the index now
	 * @param properties the configured overrides
	 * @return the setting for that index
	 */
	public static SearchSettings forIndex(IndexState state, IndexProperties properties) {
		if (state.is(IndexType.HNSW)) {
			return new SearchSettings(HNSW_EF_SEARCH, properties.hnswEfSearch());
		}
		return new SearchSettings(IVFFLAT_PROBES, probes(state.lists(), properties.probes()));
	}

	/**
	 * @param lists the IVFFlat index's lists
	 * @param configured {@code embeddings.index.probes}, or null to derive it
	 * @return the probes to use, between 1 and lists
	 */
	public static int probes(int lists, @Nullable Integer configured) {
		int probes = (configured != null) ? configured : (int) Math.ceil(Math.sqrt(lists));
		return Math.max(1, Math.min(probes, Math.max(lists, 1)));
	}

	/** @return the statement that applies it to the current transaction */
	public String setLocal() {
		return "set local " + name + " = " + value;
	}

}
