package io.github.iotembeddings.validate;

import io.github.iotembeddings.job.EventTextFunction;

import io.github.iotembeddings.changes.BacklogQuery;
import io.github.iotembeddings.changes.FullCheckResult;
import io.github.iotembeddings.config.IndexProperties;
import io.github.iotembeddings.index.IndexInspector;
import io.github.iotembeddings.index.IndexState;
import io.github.iotembeddings.index.SearchSettings;
import io.github.iotembeddings.schema.RowParity;

import org.springframework.stereotype.Component;

/** Runs every validation against the database. */
@Component
public class Validator {

	static final int SMOKE_REPETITIONS = 20;

	static final int RECALL_QUERIES = 50;

	private final RowParity rowParity;

	private final SchemaChecks schemaChecks;

	private final SimilaritySmoke similaritySmoke;

	private final IndexRecall indexRecall;

	private final BacklogQuery backlogQuery;

	private final EventTextFunction eventTextFunction;

	private final IndexProperties indexProperties;

	private final IndexInspector indexInspector;

	Validator(RowParity rowParity, SchemaChecks schemaChecks, SimilaritySmoke similaritySmoke, IndexRecall indexRecall,
			BacklogQuery backlogQuery, EventTextFunction eventTextFunction, IndexProperties indexProperties,
			IndexInspector indexInspector) {
		this.rowParity = rowParity;
		this.schemaChecks = schemaChecks;
		this.similaritySmoke = similaritySmoke;
		this.indexRecall = indexRecall;
		this.backlogQuery = backlogQuery;
		this.eventTextFunction = eventTextFunction;
		this.indexProperties = indexProperties;
		this.indexInspector = indexInspector;
	}

	/** @param modelId the current model, as {@code event_embeddings.model} records it */
	public Validation validate(String modelId) {
		eventTextFunction.ensureInstalled();
		RowParity.Counts parity = rowParity.count();
		FullCheckResult lastCheck = backlogQuery.lastFullCheck();
		IndexState index = indexInspector.inspect();
		SearchSettings search = SearchSettings.forIndex(index, indexProperties);
		RecallResult recall = (index.exists() && index.valid() && parity.embedded() > 0)
				? indexRecall.measure(RECALL_QUERIES, index.lists(), search) : null;
		return new Validation(parity, lastCheck, modelId, similaritySmoke.run(SMOKE_REPETITIONS, search),
				recall, schemaChecks.run());
	}

}
