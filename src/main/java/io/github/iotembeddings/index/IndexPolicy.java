package io.github.iotembeddings.index;

import java.util.Optional;

import io.github.iotembeddings.config.IndexProperties;
import io.github.iotembeddings.config.IndexProperties.IndexType;

/**
 * When the vector index no longer fits its rows, and what to build instead. IVFFlat clusters the rows
 * it sees at build time: built on an empty table (as the specified DDL does) its centroids are
 * meaningless, and as rows grow its lists fall behind. pgvector's guidance for lists is rows / 1000 up
 * to a million rows and the square root of the rows above that.
 */
public final class IndexPolicy {

	/** Rebuild once the rows have grown this many times since the build, so rebuilds cost O(rows) in all. */
	static final int GROWTH_FACTOR = 2;

	private IndexPolicy() {
	}

	/** @return pgvector's recommended IVFFlat lists for this many rows */
	public static int recommendedLists(long rows) {
		long lists = (rows <= 1_000_000) ? rows / 1000 : (long) Math.sqrt(rows);
		return (int) Math.max(1, Math.min(lists, 32_768));
	}

	/**
	 * @param state the index now
	 * @param properties what the operator asked for
	 * @return why and how to rebuild, or empty when the index fits
	 */
	public static Optional<IndexPlan> plan(IndexState state, IndexProperties properties) {
		if (state.rows() < properties.minRows() || state.rows() == 0) {
			return Optional.empty();
		}
		IndexType wanted = properties.type();
		if (wanted == IndexType.HNSW) {
			if (!state.is(wanted) || state.m() != properties.hnswM()
					|| state.efConstruction() != properties.hnswEfConstruction() || !state.valid()) {
				return Optional.of(IndexPlan.hnsw(properties.hnswM(), properties.hnswEfConstruction(),
						describe(state) + " but hnsw (m = " + properties.hnswM() + ", ef_construction = "
								+ properties.hnswEfConstruction() + ") is configured"));
			}
			return Optional.empty();
		}
		int lists = recommendedLists(state.rows());
		String reason = null;
		if (!state.is(wanted) || !state.valid()) {
			reason = describe(state) + " but ivfflat is configured";
		}
		else if (state.builtOnRows() == null) {
			reason = "the index was not built on this data (the specified one is created on an empty table),"
					+ " so its centroids do not describe the " + state.rows() + " rows";
		}
		else if (state.rows() >= GROWTH_FACTOR * Math.max(state.builtOnRows(), 1)) {
			reason = "rows grew from " + state.builtOnRows() + " to " + state.rows() + " since the index was built";
		}
		else if (state.lists() > GROWTH_FACTOR * lists || lists > GROWTH_FACTOR * state.lists()) {
			reason = "lists = " + state.lists() + " is far from the " + lists + " recommended for " + state.rows() + " rows";
		}
		return Optional.ofNullable(reason).map(why -> IndexPlan.ivfflat(lists, why));
	}

	private static String describe(IndexState state) {
		if (!state.exists()) {
			return "there is no vector index";
		}
		return "the index is " + state.method() + (state.valid() ? "" : " and invalid (a failed concurrent build)");
	}

}
