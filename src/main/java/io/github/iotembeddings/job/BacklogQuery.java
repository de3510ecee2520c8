package io.github.iotembeddings.job;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;

import io.github.iotembeddings.config.JobProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Measures the backlog with the job's own selection of pending events ({@link PendingEvents}), so what
 * it reports pending is exactly what the next sync embeds. Finding stale rows evaluates the text of
 * every embedded event: a full scan, about 2 s per 100,000 events on the development machine.
 */
@Component
public class BacklogQuery {

	private final NamedParameterJdbcTemplate jdbcTemplate;

	private final JobProperties properties;

	BacklogQuery(NamedParameterJdbcTemplate jdbcTemplate, JobProperties properties) {
		this.jdbcTemplate = jdbcTemplate;
		this.properties = properties;
	}

	/**
	 * @param modelId the model the next sync would embed with, as {@code event_embeddings.model} records it
	 * @return the backlog now
	 */
	public Backlog measure(String modelId) {
		PendingEvents pending = new PendingEvents(modelId, properties.maxAttempts(), Partition.WHOLE);
		Map<String, Object> parameters = pending.parameters();
		Map<String, Object> pendingRow = jdbcTemplate.queryForMap("select count(*) as pending, min(e.created_at) as oldest "
				+ pending.fromClause() + " where " + pending.whereClause(), parameters);
		Map<String, Object> counts = jdbcTemplate.queryForMap("""
				select (select count(*) from public.iot_events) as events,
				       (select count(*) from public.event_embeddings) as embedded,
				       (select count(*) from event_embedding_errors) as failing,
				       (%s) as stale""".formatted(StaleEmbeddings.COUNT_SQL), parameters);
		return new Backlog(number(counts.get("events")), number(counts.get("embedded")), number(pendingRow.get("pending")),
				instant(pendingRow.get("oldest")), number(counts.get("stale")), number(counts.get("failing")),
				Instant.now());
	}

	private static long number(@Nullable Object value) {
		return (value instanceof Number number) ? number.longValue() : 0;
	}

	private static @Nullable Instant instant(@Nullable Object value) {
		return (value instanceof Timestamp timestamp) ? timestamp.toInstant() : null;
	}

}
