package io.github.iotembeddings.job;

import org.springframework.batch.core.job.parameters.JobParameters;

import java.util.Map;

/**
 * Which events need (re-)embedding: those with no embedding, or whose embedding came from another
 * model or from a text that has since changed; minus the failed ones still waiting for their retry or
 * out of attempts. One place for the SQL, shared by the reader and the progress count. The text comes
 * from {@link EventTextFunction}, evaluated once per row.
 *
 * @param modelId the model that would embed them now, as stored in {@code event_embeddings.model}
 * @param maxAttempts attempts after which a failing event is no longer retried
 * @param partition the share of the events this run embeds
 */
record PendingEvents(String modelId, int maxAttempts, Partition partition) {

	/** @return the pending events of the run with these parameters */
	static PendingEvents of(JobParameters parameters, int maxAttempts) {
		return new PendingEvents(String.valueOf(parameters.getString(EmbeddingJobParameters.MODEL)), maxAttempts,
				partitionOf(parameters));
	}

	static Partition partitionOf(JobParameters parameters) {
		return Partition.ofParameter(parameters.getString(EmbeddingJobParameters.PARTITION));
	}

	String selectClause() {
		return "select e.id, t.embedding_text, md5(coalesce(t.embedding_text, '')) as text_hash";
	}

	String fromClause() {
		return "from public.iot_events e cross join lateral (select " + EventTextFunction.CALL + " as embedding_text) t";
	}

	/** Uses the named parameters {@code :model} and {@code :maxAttempts}. */
	String whereClause() {
		return "not exists (select 1 from public.event_embeddings ee where ee.event_id = e.id"
				+ " and ee.model = :model and ee.text_hash = md5(coalesce(t.embedding_text, '')))"
				+ " and not exists (select 1 from event_embedding_errors er where er.event_id = e.id"
				+ " and (er.next_attempt_at > now() or er.attempts >= :maxAttempts))"
				+ (partition.isWhole() ? "" : " and " + partition.condition());
	}

	/**
	 * Counts at most {@code :limit} pending events, newest first as the reader takes them: a backfill of
	 * the newest N stops counting after N instead of evaluating the text of every event.
	 */
	String countSql() {
		return "select count(*) from (select 1 " + fromClause() + " where " + whereClause()
				+ " order by e.id desc limit :limit) pending";
	}

	Map<String, Object> parameters() {
		return Map.of("model", modelId, "maxAttempts", maxAttempts);
	}

}
