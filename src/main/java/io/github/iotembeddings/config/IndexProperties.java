package io.github.iotembeddings.config;

import java.util.Locale;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The vector index on {@code event_embeddings.embedding}: what kind, when the tool rebuilds it, and how
 * its own queries search it.
 *
 * @param manage whether runs check the index against the rows and rebuild it when it no longer fits
 * @param type {@code ivfflat} (the specified index; cheap to build, needs rebuilding as rows grow) or
 * {@code hnsw} (slower to build, better recall per millisecond, no rebuild as rows grow)
 * @param minRows below this many rows the index is left as it is: an exact scan is fast there anyway
 * @param probes {@code ivfflat.probes} for the tool's own similarity queries; unset for the square root
 * of the index's lists, pgvector's suggested starting point
 * @param hnswM HNSW's {@code m}: links per node
 * @param hnswEfConstruction HNSW's {@code ef_construction}: candidate list size while building
 * @param hnswEfSearch {@code hnsw.ef_search} for the tool's own similarity queries
 * @param buildMemory {@code maintenance_work_mem} of the tool's own index builds (its session only):
 * IVFFlat with 1,000 lists over 384-D vectors needs 273 MB, past the server's usual 64 MB default, and an
 * HNSW graph builds far faster when it fits; lower it on a small server
 * @param analyzeAfterShare after a run that wrote more rows than this share of the table (the planner's
 * estimate, {@code pg_class.reltuples}), the after-run work runs {@code analyze public.event_embeddings}, so
 * the planner's statistics follow a large backfill at once rather than at autovacuum's next pass
 */
@ConfigurationProperties("embeddings.index")
@Validated
public record IndexProperties(@DefaultValue("true") boolean manage, @DefaultValue("ivfflat") IndexType type,
		@DefaultValue("10000") @Min(0) long minRows, @Nullable @Min(1) Integer probes,
		@DefaultValue("16") @Min(2) @Max(100) int hnswM, @DefaultValue("64") @Min(4) @Max(1000) int hnswEfConstruction,
		@DefaultValue("40") @Min(1) @Max(1000) int hnswEfSearch,
		@DefaultValue("1GB") @Pattern(regexp = "[0-9]+ ?(kB|MB|GB)", message = "must be a size such as 512MB or 1GB") String buildMemory,
		@DefaultValue("0.1") @DecimalMin("0") double analyzeAfterShare) {

	/** The index access methods pgvector offers. */
	public enum IndexType {

		IVFFLAT, HNSW;

		/** @return the access method's name in PostgreSQL */
		public String method() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
