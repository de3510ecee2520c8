package io.github.iotembeddings.validate;

import java.util.List;

import io.github.iotembeddings.schema.RowParity;
import org.jspecify.annotations.Nullable;

/**
 * Everything {@code validate} found.
 *
 * @param parity events, embedded, missing (the specified query)
 * @param stale embeddings whose text changed since, or that another model made
 * @param model the model whose embeddings count as current
 * @param similarity the similarity smoke, both forms; empty on an empty table
 * @param recall index recall, or {@code null} without an IVFFlat index or rows
 * @param schema the schema checks
 */
public record Validation(RowParity.Counts parity, long stale, String model, List<SimilarityResult> similarity,
		@Nullable RecallResult recall, List<Check> schema) {

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
