package io.github.iotembeddings.validate;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.github.iotembeddings.sync.FullCheckResult;

import java.util.List;

import io.github.iotembeddings.schema.RowParity;
import org.jspecify.annotations.Nullable;

/**
 * Everything {@code validate} found.
 *
 * @param parity events, embedded, missing (the specified query)
 * @param fullCheck the last full check, which counted the embeddings whose text changed since or that
 * another model made; null when none has run
 * @param model the model whose embeddings count as current
 * @param similarity the similarity smoke, both forms; empty on an empty table
 * @param recall index recall, or {@code null} without a valid vector index (IVFFlat or HNSW) or rows
 * @param schema the schema checks
 * @param queries how each query above read the tables, from EXPLAIN of the query as it ran
 */
public record Validation(RowParity.Counts parity, @Nullable FullCheckResult fullCheck, String model, List<SimilarityResult> similarity,
		@Nullable RecallResult recall, List<Check> schema, List<QueryPlan> queries) {

	/** @return stale embeddings at the last full check; 0 when none has run */
	public long stale() {
		return (fullCheck != null) ? fullCheck.stale() : 0;
	}

	/** @return when the stale count was taken, in words */
	public String staleAsOf() {
		return (fullCheck == null) ? "no full check has run yet (run reconcile)"
				: "at the full check of " + fullCheck.finishedAt().truncatedTo(ChronoUnit.SECONDS) + ", "
						+ Duration.between(fullCheck.finishedAt(), Instant.now()).toMinutes() + " min ago";
	}

	/** @return why validation fails, in one line, or {@code null} when it passes */
	public @Nullable String failure() {
		List<String> failedChecks = schema.stream().filter(check -> !check.passed()).map(Check::name).toList();
		if (parity.missing() > 0) {
			return parity.missing() + " of " + parity.events() + " events have no embedding (run sync)"
					+ (failedChecks.isEmpty() ? "" : "; schema checks failed: " + String.join(", ", failedChecks));
		}
		return failedChecks.isEmpty() ? null : "schema checks failed: " + String.join(", ", failedChecks);
	}

}
