package io.github.iotembeddings.schema;

import io.github.iotembeddings.config.LongStatements;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The specification's row-parity query: after backfill and sync, {@code missing} must be 0. */
@Component
public class RowParity {

	/** Public so {@code validate} can report how it reads the tables (EXPLAIN). */
	public static final String PARITY_SQL = """
			select
			  (select count(*) from public.iot_events) as events,
			  (select count(*) from public.event_embeddings) as embedded,
			  (select count(*) from public.iot_events e
			     left join public.event_embeddings ee on ee.event_id = e.id
			   where ee.event_id is null) as missing""";

	private final JdbcTemplate jdbcTemplate;

	private final LongStatements longStatements;

	RowParity(JdbcTemplate jdbcTemplate, LongStatements longStatements) {
		this.jdbcTemplate = jdbcTemplate;
		this.longStatements = longStatements;
	}

	/** @return the exact counts: scans of both tables, so under the long statements' bound */
	public Counts count() {
		return longStatements.inTransaction(status -> jdbcTemplate.queryForObject(PARITY_SQL,
				(rs, row) -> new Counts(rs.getLong("events"), rs.getLong("embedded"), rs.getLong("missing"))));
	}

	/**
	 * @param events rows in {@code iot_events}
	 * @param embedded rows in {@code event_embeddings}
	 * @param missing events with no embedding
	 */
	public record Counts(long events, long embedded, long missing) {

	}

}
