package io.github.iotembeddings.validate;

import io.github.iotembeddings.events.EventTexts;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.github.iotembeddings.config.LongStatements;
import io.github.iotembeddings.index.SearchSettings;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;

/**
 * The specification's similarity smoke: the last embedded event against all others, top 5 by cosine,
 * in the specified form (ordered by the computed similarity, which no index can serve) and in the form
 * an app should use (ordered by the distance {@code <=>}, which the vector index can serve). Each runs
 * repeatedly for its latency, and EXPLAIN says which index, if any, it read.
 */
@Component
class SimilaritySmoke {

	static final int TOP = 5;

	/** The specified query, verbatim. */
	static final String SPECIFIED_SQL = """
			with q as (
			  select embedding from public.event_embeddings
			  order by created_at desc limit 1
			)
			select e.id, 1 - (ee.embedding <=> q.embedding) as cosine_similarity
			from public.event_embeddings ee
			join public.iot_events e on e.id = ee.event_id, q
			order by cosine_similarity desc
			limit 5""";

	/** The same neighbours, ordered by distance to a bound query vector, so the index can serve it. */
	static final String INDEXABLE_SQL = """
			select ee.event_id as id, 1 - (ee.embedding <=> ?::vector) as cosine_similarity
			from public.event_embeddings ee
			order by ee.embedding <=> ?::vector
			limit 5""";

	private final JdbcTemplate jdbcTemplate;

	private final QueryPlans queryPlans;

	private final EventTexts eventTexts;

	private final LongStatements longStatements;

	SimilaritySmoke(JdbcTemplate jdbcTemplate, QueryPlans queryPlans, EventTexts eventTexts,
			LongStatements longStatements) {
		this.longStatements = longStatements;
		this.eventTexts = eventTexts;
		this.jdbcTemplate = jdbcTemplate;
		this.queryPlans = queryPlans;
	}

	/**
	 * @param repetitions how many times the index-friendly form runs for its latency
	 * @param fullScans how many times the specified form runs: it reads every vector, so fewer on a large
	 * table
	 * @param search how the queries search the index, as the tool sets it
	 * @param plans receives how each form read the tables
	 */
	List<SimilarityResult> run(int repetitions, int fullScans, SearchSettings search, List<QueryPlan> plans) {
		List<String> last = jdbcTemplate.queryForList(
				"select embedding::text from public.event_embeddings order by created_at desc limit 1", String.class);
		if (last.isEmpty()) {
			return List.of();
		}
		String query = last.get(0);
		return List.of(
				measure("specified: order by computed similarity", SPECIFIED_SQL, new Object[0], fullScans, search, plans),
				measure("indexable: order by embedding <=> query", INDEXABLE_SQL, new Object[] { query, query },
						repetitions, search, plans));
	}

	/** Runs in one transaction on one connection, so the {@code set local} search setting holds for all of it. */
	private SimilarityResult measure(String name, String sql, Object[] args, int repetitions, SearchSettings search,
			List<QueryPlan> plans) {
		return Objects.requireNonNull(jdbcTemplate.execute((Connection connection) -> {
			boolean autoCommit = connection.getAutoCommit();
			connection.setAutoCommit(false);
			try {
				JdbcTemplate session = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
				session.execute(search.setLocal());
				QueryPlan plan = queryPlans.explain(session, "similarity smoke, " + name, sql, search, args);
				plans.add(plan);
				// The specified form reads every vector.
				return longStatements.onConnection(connection, false,
						scan -> measure(session, name, sql, args, repetitions, plan));
			}
			finally {
				connection.rollback();
				connection.setAutoCommit(autoCommit);
			}
		}));
	}

	private SimilarityResult measure(JdbcTemplate jdbcTemplate, String name, String sql, Object[] args,
			int repetitions, QueryPlan queryPlan) {
		long[] nanos = new long[repetitions];
		List<Map<String, Object>> rows = List.of();
		for (int i = 0; i < repetitions; i++) {
			long started = System.nanoTime();
			rows = jdbcTemplate.queryForList(sql, args);
			nanos[i] = System.nanoTime() - started;
		}
		Arrays.sort(nanos);
		String plan = String.join("\n", jdbcTemplate.queryForList("explain (format text) " + sql, String.class, args));
		Map<Long, String> texts = eventTexts.of(rows.stream().map(row -> ((Number) row.get("id")).longValue()).toList());
		List<Neighbour> neighbours = new ArrayList<>();
		for (Map<String, Object> row : rows) {
			long id = ((Number) row.get("id")).longValue();
			neighbours.add(new Neighbour(id, ((Number) row.get("cosine_similarity")).doubleValue(), texts.get(id)));
		}
		return new SimilarityResult(name, sql, neighbours, IndexRecall.percentileMillis(nanos, 50),
				IndexRecall.percentileMillis(nanos, 95), queryPlan.usesVectorIndex(), queryPlan.indexUsed(), plan);
	}

}
