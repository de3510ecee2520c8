package io.github.iotembeddings.run;

import java.util.Locale;

import io.github.iotembeddings.common.Messages;
import io.github.iotembeddings.config.IndexProperties;
import io.github.iotembeddings.config.LongStatements;
import io.github.iotembeddings.report.TableStatistics;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Analyzes {@code event_embeddings} after runs that wrote a large share of it. The specified DDL analyzes
 * it once, at creation, on an empty table; autovacuum analyzes it again only after about a tenth of it
 * changed and when it gets to it, so after a large backfill the planner would keep estimating the
 * table's old size (and choosing plans for it) for a while.
 */
@Component
class StatisticsRefresh {

	private static final Log logger = LogFactory.getLog(StatisticsRefresh.class);

	private final JdbcTemplate jdbcTemplate;

	private final TableStatistics statistics;

	private final IndexProperties properties;

	private final LongStatements longStatements;

	StatisticsRefresh(JdbcTemplate jdbcTemplate, TableStatistics statistics, IndexProperties properties,
			LongStatements longStatements) {
		this.longStatements = longStatements;
		this.jdbcTemplate = jdbcTemplate;
		this.statistics = statistics;
		this.properties = properties;
	}

	/**
	 * @param written rows the runs since the last call wrote
	 * @return whether it analyzed the table; a failure (e.g. a role that does not own the table) is logged,
	 * never thrown: the rows are committed
	 */
	boolean afterWriting(long written) {
		if (written == 0) {
			return false;
		}
		try {
			long estimate = statistics.now().rowEstimate();
			if (!due(written, estimate, properties.analyzeAfterShare())) {
				return false;
			}
			long started = System.nanoTime();
			longStatements.inTransaction(status -> {
				jdbcTemplate.execute("analyze public.event_embeddings");
				return null;
			});
			logger.info(String.format(Locale.ROOT, "Analyzed public.event_embeddings in %d ms: the run wrote %,d rows,"
					+ " more than %.0f%% of the %,d the planner estimated", (System.nanoTime() - started) / 1_000_000,
					written, properties.analyzeAfterShare() * 100, Math.max(estimate, 0)));
			return true;
		}
		catch (RuntimeException ex) {
			logger.warn("Cannot analyze public.event_embeddings after the run: " + Messages.firstLine(ex));
			return false;
		}
	}

	/**
	 * @param written rows written
	 * @param estimate the planner's row count before the run ({@code reltuples}; -1 when never analysed)
	 * @param share the share of the table that makes a run large
	 */
	static boolean due(long written, long estimate, double share) {
		return written > 0 && written > share * Math.max(estimate, 0);
	}

}
