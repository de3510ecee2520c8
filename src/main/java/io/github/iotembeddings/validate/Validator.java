package io.github.iotembeddings.validate;

import io.github.iotembeddings.job.EventTextFunction;
import java.util.Map;

import io.github.iotembeddings.config.IndexProperties;
import io.github.iotembeddings.index.IndexInspector;
import io.github.iotembeddings.index.IndexState;
import io.github.iotembeddings.index.SearchSettings;
import io.github.iotembeddings.job.StaleEmbeddings;
import io.github.iotembeddings.schema.RowParity;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
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

	private final NamedParameterJdbcTemplate jdbcTemplate;

	private final EventTextFunction eventTextFunction;

	private final IndexProperties indexProperties;

	private final IndexInspector indexInspector;

	Validator(RowParity rowParity, SchemaChecks schemaChecks, SimilaritySmoke similaritySmoke, IndexRecall indexRecall,
			NamedParameterJdbcTemplate jdbcTemplate, EventTextFunction eventTextFunction, IndexProperties indexProperties,
			IndexInspector indexInspector) {
		this.rowParity = rowParity;
		this.schemaChecks = schemaChecks;
		this.similaritySmoke = similaritySmoke;
		this.indexRecall = indexRecall;
		this.jdbcTemplate = jdbcTemplate;
		this.eventTextFunction = eventTextFunction;
		this.indexProperties = indexProperties;
		this.indexInspector = indexInspector;
	}

	/** @param modelId the current model, as {@code event_embeddings.model} records it */
	public Validation validate(String modelId) {
		eventTextFunction.ensureInstalled();
		RowParity.Counts parity = rowParity.count();
		Long stale = jdbcTemplate.queryForObject(StaleEmbeddings.COUNT_SQL, Map.of("model", modelId), Long.class);
		IndexState index = indexInspector.inspect();
		SearchSettings search = SearchSettings.forIndex(index, indexProperties);
		RecallResult recall = (index.exists() && index.valid() && parity.embedded() > 0)
				? indexRecall.measure(RECALL_QUERIES, index.lists(), search) : null;
		return new Validation(parity, (stale != null) ? stale : 0, modelId, similaritySmoke.run(SMOKE_REPETITIONS, search),
				recall, schemaChecks.run());
	}

}
