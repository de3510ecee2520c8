package io.github.iotembeddings.schema;

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

	RowParity(JdbcTemplate jdbcTemplate) {
		this.jdbcTemplate = jdbcTemplate;
	}

	public Counts count() {
		return jdbcTemplate.queryForObject(PARITY_SQL,
				(rs, row) -> new Counts(rs.getLong("events"), rs.getLong("embedded"), rs.getLong("missing")));
	}

	/**
	 * @param events rows in {@code iot_events}
	 * @param embedded rows in {@code event_embeddings}
	 * @param missing events with no embedding
	 */
	public record Counts(long events, long embedded, long missing) {

	}

}
