package io.github.iotembeddings.index;

import io.github.iotembeddings.config.IndexProperties.IndexType;

/**
 * An index to build in place of the current one.
 *
 * @param method {@code ivfflat} or {@code hnsw}
 * @param withClause the storage parameters, e.g. {@code lists = 100}
 * @param reason why, for the log
 */
public record IndexPlan(String method, String withClause, String reason) {

	static IndexPlan ivfflat(int lists, String reason) {
		return new IndexPlan(IndexType.IVFFLAT.method(), "lists = " + lists, reason);
	}

	static IndexPlan hnsw(int m, int efConstruction, String reason) {
		return new IndexPlan(IndexType.HNSW.method(), "m = " + m + ", ef_construction = " + efConstruction, reason);
	}

}
