package io.github.iotembeddings.validate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import com.pgvector.PGvector;
import io.github.iotembeddings.config.LongStatements;
import io.github.iotembeddings.index.SearchSettings;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * How good the vector index is: recall@10 against exact search for a sample of the table's own vectors
 * as queries, searched as the tool searches ({@code ivfflat.probes} or {@code hnsw.ef_search}), and the
 * smallest value of that setting that reaches 0.95.
 */
@Component
class IndexRecall {

	static final int K = 10;

	static final double TARGET = 0.95;

	/** Candidates drawn per query wanted: those that share their vector with another row are passed over. */
	private static final int CANDIDATES_PER_QUERY = 2;

	/** hnsw.ef_search values tried for the target, from below pgvector's default of 40 to its limit. */
	static final List<Integer> CANDIDATE_EF_SEARCH = List.of(10, 20, 40, 80, 160, 320, 640, 1000);

	private static final String TOP_K_SQL = "select event_id, embedding <=> ? from public.event_embeddings"
			+ " order by embedding <=> ? limit " + K;

	private static final String TOP_FIVE_SQL = "select event_id, 1 - (embedding <=> ?) from public.event_embeddings"
			+ " order by embedding <=> ? limit 5";

	private static final String EXACT_SQL = """
			select q.n, ee.event_id, ee.embedding <=> q.v as distance
			from public.event_embeddings ee
			cross join unnest(cast(? as vector[]), cast(? as float8[])) with ordinality as q(v, bound, n)
			where (ee.embedding <=> q.v) <= q.bound""";

	private final JdbcTemplate jdbcTemplate;

	private final QueryPlans queryPlans;

	private final LongStatements longStatements;

	IndexRecall(JdbcTemplate jdbcTemplate, QueryPlans queryPlans, LongStatements longStatements) {
		this.longStatements = longStatements;
		this.jdbcTemplate = jdbcTemplate;
		this.queryPlans = queryPlans;
	}

	/**
	 * @param queries how many query vectors to sample
	 * @param lists the IVFFlat index's lists (the most probes that can help), 0 for HNSW
	 * @param inUse how the tool searches the index for its own queries
	 * @param plans receives how each of its queries read the table
	 */
	RecallResult measure(int queries, int lists, SearchSettings inUse, List<QueryPlan> plans) {
		// A fixed sample (ids picked by a hash over the id range, through the primary key), so repeated
		// validations compare like with like and a large table is not scanned to choose. Only vectors no
		// other row shares: a query whose text repeats ten times has ten neighbours at distance 0 in its
		// own list, which any probe count finds, and would flatter the index. The exact search tells.
		List<PGvector> drawn = jdbcTemplate.query("""
				with b as (select min(event_id) as lo, max(event_id) as hi from public.event_embeddings)
				select distinct on (ee.event_id) ee.embedding from b, generate_series(1, ?) g
				cross join lateral (select event_id, embedding from public.event_embeddings
				  where event_id >= b.lo + abs(hashint8(g::bigint)) % (b.hi - b.lo + 1) order by event_id limit 1) ee""",
				(rs, row) -> new PGvector(rs.getString(1)), queries * CANDIDATES_PER_QUERY);
		List<PGvector> sample = new ArrayList<>();
		List<List<Recall.Hit>> exact = new ArrayList<>();
		// One scan per round, for as many candidates as queries are still wanted: usually one round.
		int next = 0;
		while (sample.size() < queries && next < drawn.size()) {
			List<PGvector> round = drawn.subList(next, Math.min(next + queries - sample.size(), drawn.size()));
			next += round.size();
			List<List<Recall.Hit>> roundExact = exactTopK(round, inUse);
			for (int i = 0; i < round.size(); i++) {
				List<Recall.Hit> neighbours = roundExact.get(i);
				if (neighbours.stream().filter(hit -> hit.distance() < 1e-9).count() <= 1) {
					sample.add(round.get(i));
					exact.add(neighbours);
				}
			}
		}
		double atProbesInUse = recall(sample, exact, inUse);
		long[] nanos = topFiveLatencies(sample, inUse);
		Integer probesForTarget = null;
		List<Integer> candidates = SearchSettings.HNSW_EF_SEARCH.equals(inUse.name()) ? CANDIDATE_EF_SEARCH : candidateProbes(lists);
		for (int value : candidates) {
			if (recall(sample, exact, new SearchSettings(inUse.name(), value)) >= TARGET) {
				probesForTarget = value;
				break;
			}
		}
		List<QueryPlan> queryPlans = sample.isEmpty() ? List.of() : plans(sample.get(0), inUse);
		plans.addAll(queryPlans);
		return new RecallResult(sample.size(), K, inUse.name(), inUse.value(), atProbesInUse, TARGET, probesForTarget, lists,
				percentileMillis(nanos, 50), percentileMillis(nanos, 95),
				queryPlans.isEmpty() ? "no sampled vector" : queryPlans.get(0).indexUsed());
	}

	/** 1, 2, 4, ... below lists, then lists itself (where IVFFlat search is exact). */
	static List<Integer> candidateProbes(int lists) {
		List<Integer> candidates = new ArrayList<>();
		for (int probes = 1; probes < lists; probes *= 2) {
			candidates.add(probes);
		}
		if (lists > 0) {
			candidates.add(lists);
		}
		return candidates;
	}

	private double recall(List<PGvector> sample, List<List<Recall.Hit>> exact, SearchSettings search) {
		List<List<Recall.Hit>> approximate = new ArrayList<>();
		for (PGvector query : sample) {
			approximate.add(topK(query, search));
		}
		return Recall.atK(exact, approximate);
	}

	/**
	 * The exact top k of every query, in one scan of the table instead of one per query: each query's
	 * neighbours lie no farther than the k-th that any k rows give it, so the index's answer (at the
	 * tool's setting) bounds the scan's output to a few rows per query, and the k nearest of those are
	 * the exact answer. One pass costs what one exact search costs, plus a distance per query and row.
	 */
	private List<List<Recall.Hit>> exactTopK(List<PGvector> queries, SearchSettings inUse) {
		if (queries.isEmpty()) {
			return List.of();
		}
		StringBuilder vectors = new StringBuilder("{");
		StringBuilder bounds = new StringBuilder("{");
		for (PGvector query : queries) {
			List<Recall.Hit> any = topK(query, inUse);
			double bound = (any.size() < K) ? 2.0 : any.get(any.size() - 1).distance() + 1e-6;
			vectors.append(vectors.length() > 1 ? "," : "").append('"').append(query.getValue()).append('"');
			bounds.append(bounds.length() > 1 ? "," : "").append(bound);
		}
		List<List<Recall.Hit>> hits = new ArrayList<>();
		for (int i = 0; i < queries.size(); i++) {
			hits.add(new ArrayList<>());
		}
		String vectorArray = vectors.append('}').toString();
		String boundArray = bounds.append('}').toString();
		// One scan of every vector for all the sampled queries.
		longStatements.inTransaction(status -> {
			jdbcTemplate.query(EXACT_SQL, rs -> {
				hits.get(rs.getInt(1) - 1).add(new Recall.Hit(rs.getLong(2), rs.getDouble(3)));
			}, vectorArray, boundArray);
			return null;
		});
		for (List<Recall.Hit> queryHits : hits) {
			queryHits.sort(Comparator.comparingDouble(Recall.Hit::distance));
			if (queryHits.size() > K) {
				queryHits.subList(K, queryHits.size()).clear();
			}
		}
		return hits;
	}

	/**
	 * The index's answer at the given setting. The
	 * settings are local to one transaction on one connection, rolled back after.
	 */
	private List<Recall.Hit> topK(PGvector query, SearchSettings search) {
		return withSettings(search, true, connection -> {
			List<Recall.Hit> hits = new ArrayList<>(K);
			try (PreparedStatement select = connection.prepareStatement(TOP_K_SQL)) {
				select.setObject(1, query);
				select.setObject(2, query);
				try (ResultSet rs = select.executeQuery()) {
					while (rs.next()) {
						hits.add(new Recall.Hit(rs.getLong(1), rs.getDouble(2)));
					}
				}
			}
			return hits;
		});
	}

	/**
	 * Runs work in one transaction on one connection with the search setting (and, to measure the index
	 * itself, sequential scans off), rolled back after.
	 */
	private <T> T withSettings(SearchSettings search, boolean indexOnly, ConnectionCallback<T> work) {
		return Objects.requireNonNull(jdbcTemplate.execute((Connection connection) -> {
			boolean autoCommit = connection.getAutoCommit();
			connection.setAutoCommit(false);
			try (Statement settings = connection.createStatement()) {
				if (indexOnly) {
					// The driver prepares repeated queries on the server, whose cached generic plan would
					// outlive the settings below: plan each execution with the settings in force.
					settings.execute("set local plan_cache_mode = force_custom_plan");
					settings.execute("set local enable_seqscan = off");
				}
				settings.execute(search.setLocal());
				return longStatements.onConnection(connection, false, work);
			}
			finally {
				connection.rollback();
				connection.setAutoCommit(autoCommit);
			}
		}));
	}

	/** How each of the recall's three queries read the table, for one sampled vector, as they ran. */
	private List<QueryPlan> plans(PGvector query, SearchSettings search) {
		return List.of(
				withSettings(search, true, connection -> queryPlans.explain(connection,
						"recall, index top " + K + " (sequential scans off)", TOP_K_SQL, search, query, query)),
				queryPlans.explain(jdbcTemplate, "recall, exact top " + K + " (one scan for every sampled vector)",
						EXACT_SQL, null, "{\"" + query.getValue() + "\"}", "{2.0}"),
				withSettings(search, false, connection -> queryPlans.explain(connection, "recall, top-5 latency",
						TOP_FIVE_SQL, search, query, query)));
	}

	/**
	 * The top-5 query an app would send, through the index at the probes the tool sets, once per
	 * sampled vector: latency over different queries, not one query repeated from a warm cache.
	 */
	private long[] topFiveLatencies(List<PGvector> sample, SearchSettings search) {
		long[] nanos = withSettings(search, false, connection -> {
			long[] measured = new long[sample.size()];
			try (PreparedStatement select = connection.prepareStatement(TOP_FIVE_SQL)) {
				for (int i = 0; i < sample.size(); i++) {
					long started = System.nanoTime();
					select.setObject(1, sample.get(i));
					select.setObject(2, sample.get(i));
					try (ResultSet rs = select.executeQuery()) {
						while (rs.next()) {
							rs.getLong(1);
						}
					}
					measured[i] = System.nanoTime() - started;
				}
			}
			return measured;
		});
		long[] sorted = nanos.clone();
		Arrays.sort(sorted);
		return sorted;
	}

	static double percentileMillis(long[] sortedNanos, int percentile) {
		if (sortedNanos.length == 0) {
			return 0;
		}
		int index = Math.max((int) Math.ceil(percentile / 100.0 * sortedNanos.length) - 1, 0);
		return sortedNanos[index] / 1e6;
	}

}
