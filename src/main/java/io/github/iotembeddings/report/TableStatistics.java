package io.github.iotembeddings.report;

import java.time.OffsetDateTime;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * When the planner's statistics of {@code event_embeddings} were last gathered, and by what: the newer of
 * {@code pg_stat_user_tables.last_analyze} (a manual {@code analyze}: the tool after a run that wrote a large
 * share of the table, {@code migrate}, or a person) and {@code last_autoanalyze} (autovacuum).
 */
@Component
public class TableStatistics {

	/** The template of what the Markdown reports say of an {@link Analysis}, in one phrase. */
	static final String PHRASE = "table-statistics.md";

	private final JdbcTemplate jdbcTemplate;

	TableStatistics(JdbcTemplate jdbcTemplate) {
		this.jdbcTemplate = jdbcTemplate;
	}

	/** @return the statistics' state now */
	public Analysis now() {
		List<Analysis> found = jdbcTemplate.query("""
				select s.last_analyze, s.last_autoanalyze, s.n_mod_since_analyze, c.reltuples::bigint as reltuples
				from pg_class c left join pg_stat_user_tables s on s.relid = c.oid
				where c.oid = 'public.event_embeddings'::regclass""", (rs, row) -> {
			OffsetDateTime manual = rs.getObject("last_analyze", OffsetDateTime.class);
			OffsetDateTime auto = rs.getObject("last_autoanalyze", OffsetDateTime.class);
			boolean manualIsNewer = manual != null && (auto == null || !manual.isBefore(auto));
			OffsetDateTime last = manualIsNewer ? manual : auto;
			return new Analysis((last != null) ? last.toInstant().toString() : null,
					(last == null) ? null : manualIsNewer ? "analyze" : "autovacuum", rs.getLong("n_mod_since_analyze"),
					rs.getLong("reltuples"));
		});
		return found.isEmpty() ? new Analysis(null, null, 0, -1) : found.get(0);
	}

	/**
	 * @param lastAnalyzedAt the newer of the last manual and automatic analyze (ISO-8601), or null if never
	 * (statistics are kept per server since its last reset)
	 * @param analyzedBy {@code analyze} (a manual analyze: the tool after a large run, migrate, or a person) or
	 * {@code autovacuum}; null if never
	 * @param modifiedSinceAnalyze rows inserted, updated or deleted since
	 * @param rowEstimate {@code pg_class.reltuples}: the planner's row count, -1 if never analysed
	 */
	public record Analysis(@Nullable String lastAnalyzedAt, @Nullable String analyzedBy, long modifiedSinceAnalyze,
			long rowEstimate) {

	}

}
