package io.github.iotembeddings.validate;

import java.util.ArrayList;
import java.util.List;

import io.github.iotembeddings.events.EventTextFunction;

import io.github.iotembeddings.sync.BacklogQuery;
import io.github.iotembeddings.sync.FullCheckResult;
import io.github.iotembeddings.config.IndexProperties;
import io.github.iotembeddings.index.IndexInspector;
import io.github.iotembeddings.index.IndexState;
import io.github.iotembeddings.index.SearchSettings;
import io.github.iotembeddings.schema.RowParity;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Runs every validation against the database. */
@Component
public class Validator {

	static final int SMOKE_REPETITIONS = 20;

	/**
	 * Distances the recall check's exact search may compute (one scan of the table computes one per
	 * sampled query and row): past 400,000 rows it samples fewer queries, never fewer than 10.
	 */
	static final long RECALL_SCAN_BUDGET = 20_000_000;

	/** The same for the specified similarity query, a full scan too: 20 runs up to 100,000 rows, then at least 2. */
	static final long SMOKE_SCAN_BUDGET = 2_000_000;

	static final int RECALL_QUERIES = 50;

	private final RowParity rowParity;

	private final SchemaChecks schemaChecks;

	private final SimilaritySmoke similaritySmoke;

	private final IndexRecall indexRecall;

	private final BacklogQuery backlogQuery;

	private final EventTextFunction eventTextFunction;

	private final IndexProperties indexProperties;

	private final IndexInspector indexInspector;

	private final QueryPlans queryPlans;

	private final JdbcTemplate jdbcTemplate;

	Validator(RowParity rowParity, SchemaChecks schemaChecks, SimilaritySmoke similaritySmoke, IndexRecall indexRecall,
			BacklogQuery backlogQuery, EventTextFunction eventTextFunction, IndexProperties indexProperties,
			IndexInspector indexInspector, QueryPlans queryPlans, JdbcTemplate jdbcTemplate) {
		this.jdbcTemplate = jdbcTemplate;
		this.queryPlans = queryPlans;
		this.rowParity = rowParity;
		this.schemaChecks = schemaChecks;
		this.similaritySmoke = similaritySmoke;
		this.indexRecall = indexRecall;
		this.backlogQuery = backlogQuery;
		this.eventTextFunction = eventTextFunction;
		this.indexProperties = indexProperties;
		this.indexInspector = indexInspector;
	}

	/** @return {@code count} runs of a full scan, as many as fit the budget of rows, but at least {@code least} */
	static int scaled(int count, int least, long budgetRows, long rows) {
		long fitting = budgetRows / Math.max(rows, 1);
		return (int) Math.max(least, Math.min(count, fitting));
	}

	/** @param modelId the current model, as {@code event_embeddings.model} records it */
	public Validation validate(String modelId) {
		eventTextFunction.ensureInstalled();
		RowParity.Counts parity = rowParity.count();
		FullCheckResult lastCheck = backlogQuery.lastFullCheck();
		IndexState index = indexInspector.inspect();
		SearchSettings search = SearchSettings.forIndex(index, indexProperties);
		boolean indexed = index.exists() && index.valid();
		int fullScans = scaled(SMOKE_REPETITIONS, 2, SMOKE_SCAN_BUDGET, parity.embedded());
		List<QueryPlan> plans = new ArrayList<>();
		plans.add(queryPlans.explain(jdbcTemplate, "row parity", RowParity.PARITY_SQL, null));
		// Without a usable index the index-friendly form is a full scan too.
		List<SimilarityResult> similarity = similaritySmoke.run(indexed ? SMOKE_REPETITIONS : fullScans, fullScans,
				search, plans);
		RecallResult recall = (indexed && parity.embedded() > 0)
				? indexRecall.measure(scaled(RECALL_QUERIES, 10, RECALL_SCAN_BUDGET, parity.embedded()), index.lists(),
						search, plans) : null;
		return new Validation(parity, lastCheck, modelId, similarity, recall, schemaChecks.run(), plans);
	}

}
