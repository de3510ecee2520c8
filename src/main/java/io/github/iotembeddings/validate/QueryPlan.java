package io.github.iotembeddings.validate;

import java.util.List;
import java.util.stream.Collectors;

/**
 * How one query that {@code validate} ran read the tables, from EXPLAIN (FORMAT JSON) of that query
 * with the parameters and settings it ran with.
 *
 * @param name which query
 * @param sql its text
 * @param settings the search settings in force, e.g. {@code ivfflat.probes = 10}; empty when none
 * @param scans every table read, in plan order
 */
public record QueryPlan(String name, String sql, String settings, List<PlanScan> scans) {

	/** The table whose reads the reports describe. */
	static final String EMBEDDINGS = "event_embeddings";

	/**
	 * @return how {@code event_embeddings} was read, each read in plan order joined by "; ", e.g.
	 * {@code index scan of event_embeddings_embedding_idx, hnsw (m=16, ef_construction=64)} or
	 * {@code sequential scan}; "not read" when the plan does not read it
	 */
	public String indexUsed() {
		String reads = scans.stream()
			.filter(scan -> EMBEDDINGS.equals(scan.relation()))
			.map(PlanScan::describe)
			.collect(Collectors.joining("; "));
		return reads.isEmpty() ? "not read" : reads;
	}

	/** @return whether the plan reads the vector index, whatever its type */
	public boolean usesVectorIndex() {
		return scans.stream().anyMatch(scan -> SchemaChecks.INDEX_NAME.equals(scan.index()));
	}

}
