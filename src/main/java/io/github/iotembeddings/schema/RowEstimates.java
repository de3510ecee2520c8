package io.github.iotembeddings.schema;

import io.github.iotembeddings.common.Messages;
import io.github.iotembeddings.config.LongStatements;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.dao.DataAccessException;
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

	private static final Log logger = LogFactory.getLog(RowEstimates.class);

	/** An estimate this far off the count (and by at least this many rows) misleads the planner: analyze. */
	private static final double STALE_SHARE = 0.1;

	private static final long STALE_ROWS = 1_000;

	private final JdbcTemplate jdbcTemplate;

	private final LongStatements longStatements;

	RowEstimates(JdbcTemplate jdbcTemplate, LongStatements longStatements) {
		this.jdbcTemplate = jdbcTemplate;
		this.longStatements = longStatements;
	}

	/**
	 * After something counted a table's rows (the full check reads them all): analyzes it when the planner's
	 * estimate is far off, e.g. after rows were loaded by other means than the tool's runs (which analyze
	 * after large writes themselves). With an estimate of a few rows for a table of millions, the planner
	 * picks a sequential scan for each probe of the every-minute queries' anti-joins.
	 * @param table a qualified table name the tool knows (never user input)
	 * @param counted how many rows it has now
	 * @return whether it was analyzed; a failure (a role that does not own the table) is logged, never thrown
	 */
	public boolean refreshIfStale(String table, long counted) {
		try {
			long estimate = of(table);
			if (Math.abs(estimate - counted) <= Math.max(STALE_ROWS, STALE_SHARE * counted)) {
				return false;
			}
			longStatements.inTransaction(status -> {
				jdbcTemplate.execute("analyze " + table);
				return null;
			});
			logger.info(String.format(java.util.Locale.ROOT, "Analyzed %s: the planner estimated about %,d rows, %,d are there",
					table, estimate, counted));
			return true;
		}
		catch (DataAccessException ex) {
			logger.warn("Cannot analyze " + table + ": " + Messages.firstLine(ex));
			return false;
		}
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
