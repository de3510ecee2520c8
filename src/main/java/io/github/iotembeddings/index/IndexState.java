package io.github.iotembeddings.index;

import io.github.iotembeddings.config.IndexProperties.IndexType;
import org.jspecify.annotations.Nullable;

/**
 * The vector index as it is now.
 *
 * @param method {@code ivfflat} or {@code hnsw}; null when there is no index
 * @param lists IVFFlat's lists, 0 otherwise
 * @param m HNSW's m, 0 otherwise
 * @param efConstruction HNSW's ef_construction, 0 otherwise
 * @param valid false for an index a failed concurrent build left behind
 * @param rows rows in event_embeddings now
 * @param builtOnRows rows when the tool built it (recorded in the index's comment); null when the tool did
 * not build it, as for the specified index, which migrate creates on an empty table
 * @param sizeBytes the index's size on disk
 * @param definition {@code pg_get_indexdef}
 */
public record IndexState(@Nullable String method, int lists, int m, int efConstruction, boolean valid, long rows,
		@Nullable Long builtOnRows, long sizeBytes, @Nullable String definition) {

	public boolean exists() {
		return method != null;
	}

	/** @return whether the index is of that type (false when there is none) */
	public boolean is(IndexType type) {
		return type.method().equals(method);
	}

}
