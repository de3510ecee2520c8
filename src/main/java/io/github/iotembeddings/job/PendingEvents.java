package io.github.iotembeddings.job;

import java.util.Map;

/**
 * Which events need (re-)embedding: those with no embedding, or whose embedding came from another
 * model or from a text that has since changed. One place for the SQL, shared by the reader, the
 * progress count and the benchmark.
 *
 * @param textSql the SQL expression over {@code public.iot_events e} giving the text to embed
 * @param modelId the model that would embed them now, as stored in {@code event_embeddings.model}
 */
record PendingEvents(String textSql, String modelId) {

	static final String MODEL_PARAMETER = "model";

	String selectClause() {
		return "select e.id, (" + textSql + ") as embedding_text, " + textHash() + " as text_hash";
	}

	String fromClause() {
		return "from public.iot_events e";
	}

	/** Uses the named parameter {@code :model}. */
	String whereClause() {
		return "not exists (select 1 from public.event_embeddings ee where ee.event_id = e.id"
				+ " and ee.model = :model and ee.text_hash = " + textHash() + ")";
	}

	/** Counts at most {@code :limit} pending events. */
	String countSql() {
		return "select count(*) from (select 1 " + fromClause() + " where " + whereClause() + " limit :limit) pending";
	}

	Map<String, Object> parameters() {
		return Map.of(MODEL_PARAMETER, modelId);
	}

	/** The same hash the writer stores; a NULL text is hashed as the empty text it is embedded as. */
	private String textHash() {
		return "md5(coalesce((" + textSql + "), ''))";
	}

}
