package io.github.iotembeddings.search;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import io.github.iotembeddings.support.CliRun;
import io.github.iotembeddings.support.SupabaseLike;
import io.github.iotembeddings.support.TestDatabase;
import io.github.iotembeddings.support.TestDatabaseServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * What one call of {@code public.match_iot_events} reads (issue 24): a selective filter on a column with no
 * index reads {@code iot_events} once, and an index walk stops at its bound even for a caller who sees too few
 * rows to fill it. No model: the vectors are made so that the index's lists, and their order from the query,
 * are known. 50 clusters of 240 identical vectors, cluster k at angle k x 1.4 / 49 rad from the query (its
 * own axis beside the query's), under an IVFFlat index of 50 lists: one list per cluster, probed in cluster
 * order; the function probes ceil(sqrt(50)) = 8 lists, and with iterative scans at most 4 x 8 = 32.
 */
class MatchFunctionCostIntegrationTests {

	private static final String QUERY = "(select array_agg(case when i = 1 then 1 else 0 end order by i)::vector"
			+ " from generate_series(1, 384) i)";

	/** In this transaction so far; a flush of the statistics happens only between transactions. */
	private static final String SEQUENTIAL_SCANS = "select seq_scan from pg_stat_xact_user_tables"
			+ " where relid = 'public.iot_events'::regclass";

	private static TestDatabase db;

	@BeforeAll
	static void clustersUnderAnIvfflatIndex() {
		db = TestDatabaseServer.get().createMigratedDatabase("match_cost");
		SupabaseLike.apiRoles(db);
		db.jdbc().execute("""
				insert into public.iot_events (device_id, event_type, payload)
				select 'cluster-' || (g % 50), 'reading', jsonb_build_object('n', g, 'tag', 'tag-' || (g % 590))
				from generate_series(1, 12000) g""");
		db.jdbc().execute("""
				insert into public.event_embeddings (event_id, embedding)
				select e.id, (select array_agg(case when i = 1 then cos(k * 1.4 / 49) when i = k + 2 then sin(k * 1.4 / 49)
				                               else 0 end order by i)::vector
				              from generate_series(1, 384) i)
				from public.iot_events e, lateral (select split_part(e.device_id, '-', 2)::int as k) cluster""");
		db.jdbc().execute("drop index public.event_embeddings_embedding_idx");
		db.jdbc().execute("create index event_embeddings_embedding_idx on public.event_embeddings"
				+ " using ivfflat (embedding vector_cosine_ops) with (lists = 50)");
		db.jdbc().execute("analyze public.iot_events, public.event_embeddings");
		// An app's row-level security by membership: 'far' may read the devices of clusters 40 to 49 only.
		db.jdbc().execute("create table public.device_access (subject text, device_id text)");
		db.jdbc().execute("""
				insert into public.device_access select 'far', 'cluster-' || k from generate_series(40, 49) k""");
		db.jdbc().execute("alter table public.iot_events enable row level security");
		db.jdbc().execute("""
				create policy by_membership on public.iot_events for select to authenticated using (exists (
				  select 1 from public.device_access a
				  where a.device_id = iot_events.device_id and a.subject = current_setting('request.jwt.claim.sub', true)))""");
		db.jdbc().execute("grant select on public.iot_events, public.device_access to authenticated");
		CliRun grant = CliRun.run(db.environment(), "grant-read");
		assertThat(grant.exitCode()).as(grant.toString()).isZero();
	}

	@AfterAll
	static void dropDatabase() {
		db.close();
	}

	@Test
	void aSelectiveFilterOnAColumnWithNoIndexReadsTheEventsOnce() {
		// 21 events, in clusters 7, 17, 27, 37 and 47: jsonb containment
		assertReadsTheEventsOnce("{\"payload\": {\"tag\": \"tag-7\"}}", "e.payload @> '{\"tag\": \"tag-7\"}'");
		// 240 events, all in cluster 7: text equality
		assertReadsTheEventsOnce("{\"device_id\": \"cluster-7\"}", "e.device_id = 'cluster-7'");
	}

	@Test
	void aFilterThatLeavesMoreThanTenThousandEventsWalksTheIndex() {
		// when every event passes the filter
		List<Double> distances = inTransaction(List.of(), statement -> doubles(statement,
				"select 1 - similarity from public.match_iot_events(" + QUERY + ", 10, filter => '{\"event_type\": \"reading\"}')"));

		// then the walk finds the nearest cluster's events
		assertThat(distances).hasSize(10).allSatisfy(distance -> assertThat(distance).isCloseTo(0, within(1e-6)));
	}

	@Test
	void theIndexWalkStopsAtItsBoundForACallerWhoSeesOnlyFarRows() {
		// given a caller who may read the ten clusters farthest from the query, and a plan that walks the index
		List<String> asFar = List.of("set local role authenticated",
				"select set_config('request.jwt.claim.sub', 'far', true)", "set local enable_seqscan = off");
		String walk = "select n.id from (select e.id, ee.embedding <=> " + QUERY + " as distance"
				+ " from public.event_embeddings ee join public.iot_events e on e.id = ee.event_id"
				+ " order by ee.embedding <=> " + QUERY + " limit 10) n";
		List<String> unbounded = new ArrayList<>(asFar);
		unbounded.addAll(List.of("set local ivfflat.probes = 8", "set local ivfflat.iterative_scan = relaxed_order"));
		assertThat(rows(unbounded, "explain " + walk))
			.anyMatch(line -> line.contains("Index Scan using event_embeddings_embedding_idx"));
		assertThat(rows(unbounded, walk))
			.as("without a bound, the walk probes lists until it reaches cluster 40").hasSize(10);

		// when the function walks
		List<String> settings = new ArrayList<>();
		List<String> devices = inTransaction(asFar, statement -> {
			List<String> found = strings(statement,
					"select event ->> 'device_id' from public.match_iot_events(" + QUERY + ", 10)");
			settings.add(first(statement, "select current_setting('ivfflat.max_probes')"));
			settings.add(first(statement, "select current_setting('ivfflat.probes')"));
			return found;
		});

		// then it stops after 32 of the 50 lists, the nearest 32 clusters, none of which the caller may read
		assertThat(devices).isEmpty();
		assertThat(settings).as("the caller's own settings, after the call").containsExactly("32768", "1");

		// and a filter gets the caller exact answers from the rows it may read, and none from others
		assertThat(rows(asFar, "select event ->> 'device_id' from public.match_iot_events(" + QUERY
				+ ", 10, filter => '{\"device_id\": \"cluster-45\"}')"))
			.hasSize(10).containsOnly("cluster-45");
		assertThat(rows(asFar, "select id from public.match_iot_events(" + QUERY
				+ ", 10, filter => '{\"device_id\": \"cluster-5\"}')")).isEmpty();
	}

	@Test
	void theFunctionCarriesItsBoundsWhereNoSettingOutsideCanLiftThem() {
		assertThat(db.jdbc().queryForList("select unnest(proconfig) from pg_proc where oid = 'public.match_iot_events'::regproc",
				String.class))
			.contains("hnsw.max_scan_tuples=20000", "ivfflat.max_probes=40", "hnsw.iterative_scan=relaxed_order",
					"ivfflat.iterative_scan=relaxed_order");
	}

	private static void assertReadsTheEventsOnce(String filter, String condition) {
		// when
		List<String> scans = new ArrayList<>();
		List<Double> distances = inTransaction(List.of("set local max_parallel_workers_per_gather = 0"), statement -> {
			scans.add(first(statement, SEQUENTIAL_SCANS));
			List<Double> found = doubles(statement, "select 1 - similarity from public.match_iot_events(" + QUERY
					+ ", 10, filter => '" + filter + "') where (event ->> 'id')::bigint = id and event @> '" + filter + "'");
			scans.add(first(statement, SEQUENTIAL_SCANS));
			return found;
		});

		// then it scanned iot_events once, and returned the ten nearest of the filtered events, as they are
		assertThat(Long.parseLong(scans.get(1)) - Long.parseLong(scans.get(0))).as(filter).isOne();
		assertThat(distances).as(filter)
			.hasSize(10)
			.usingElementComparator((a, b) -> (Math.abs(a - b) < 1e-6) ? 0 : Double.compare(a, b))
			.isEqualTo(exactDistances(condition));
	}

	/** @return the exact distances of the 10 nearest events under the condition, by a scan of every row */
	private static List<Double> exactDistances(String condition) {
		return inTransaction(List.of("set local enable_indexscan = off"), statement -> doubles(statement,
				"select ee.embedding <=> " + QUERY + " from public.event_embeddings ee join public.iot_events e"
						+ " on e.id = ee.event_id where " + condition + " order by 1 limit 10"));
	}

	/** @return the first column of the statement's rows, after the settings, in a transaction rolled back */
	private static List<String> rows(List<String> settings, String sql) {
		return inTransaction(settings, statement -> strings(statement, sql));
	}

	private static <T> T inTransaction(List<String> settings, SqlWork<T> work) {
		return db.jdbc().execute((Connection connection) -> {
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement()) {
				for (String setting : settings) {
					statement.execute(setting);
				}
				return work.run(statement);
			}
			finally {
				connection.rollback();
			}
		});
	}

	private static List<String> strings(Statement statement, String sql) throws java.sql.SQLException {
		List<String> values = new ArrayList<>();
		try (ResultSet rs = statement.executeQuery(sql)) {
			while (rs.next()) {
				values.add(rs.getString(1));
			}
		}
		return values;
	}

	private static List<Double> doubles(Statement statement, String sql) throws java.sql.SQLException {
		return strings(statement, sql).stream().map(Double::valueOf).toList();
	}

	private static String first(Statement statement, String sql) throws java.sql.SQLException {
		return strings(statement, sql).get(0);
	}

	@FunctionalInterface
	private interface SqlWork<T> {

		T run(Statement statement) throws java.sql.SQLException;

	}

}
