package io.github.iotembeddings.schema;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Row counts that cost nothing at any table size: the planner's estimate (kept by autovacuum and
 * analyze), scaled to the table's current size in pages as the planner itself does. Exact only for a
 * table never analyzed, which is a small one. For figures refreshed every few seconds or after every
 * run; {@code validate} counts exactly.
 */
@Component
public class RowEstimates {

	private final JdbcTemplate jdbcTemplate;

	RowEstimates(JdbcTemplate jdbcTemplate) {
		this.jdbcTemplate = jdbcTemplate;
	}

	/**
	 * @param table a qualified table name the tool knows (never user input)
	 * @return about how many rows it has
	 */
	public long of(String table) {
		Long estimate = jdbcTemplate.queryForObject("""
				select case when c.reltuples < 0 or c.relpages = 0 then null
				  else (c.reltuples / c.relpages * (pg_relation_size(c.oid) / current_setting('block_size')::int))::bigint end
				from pg_class c where c.oid = ?::regclass""", Long.class, table);
		if (estimate != null) {
			return estimate;
		}
		Long exact = jdbcTemplate.queryForObject("select count(*) from " + table, Long.class);
		return (exact != null) ? exact : 0;
	}

}
