package io.github.iotembeddings.validate;

import org.jspecify.annotations.Nullable;

/**
 * One table read in a query plan, as EXPLAIN names it, with the index's kind from the catalog.
 *
 * @param relation the table read
 * @param access how: {@code sequential scan}, {@code index scan}, {@code index only scan} or
 * {@code bitmap index scan}
 * @param index the index read, or {@code null} for a sequential scan
 * @param indexType the index's access method and parameters from the catalog, e.g.
 * {@code hnsw (m=16, ef_construction=64)}, {@code ivfflat (lists=100)} or {@code btree}; null without an index
 */
public record PlanScan(String relation, String access, @Nullable String index, @Nullable String indexType) {

	/** @return e.g. {@code index scan of event_embeddings_embedding_idx, hnsw (m=16, ef_construction=64)} */
	public String describe() {
		return (index == null) ? access : access + " of " + index + ", " + indexType;
	}

}
