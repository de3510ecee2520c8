package io.github.iotembeddings.index;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.iotembeddings.support.CliRun;
import io.github.iotembeddings.support.TestDatabase;
import io.github.iotembeddings.support.TestDatabaseServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The index lifecycle on a real pgvector index over vectors the model made. The 20,000 demo events are
 * embedded by the bundled model's int8 build, which is the same model at about three times the speed
 * (docs/BENCHMARKS.md), so the test costs about a minute rather than two.
 */
class IndexLifecycleIntegrationTests {

	@Test
	void anIndexBuiltOnAnEmptyTableIsRebuiltForItsRowsWhileQueriesKeepWorking() throws Exception {
		try (TestDatabase db = TestDatabaseServer.get().createDatabase("index_rebuild")) {
			// given the specified index (lists = 100, built on an empty table) and then 20,000 embedded
			// events, written by a run told not to look after the index
			assertThat(CliRun.run(db.environment(), "demo-seed", "--events=20000").exitCode()).isZero();
			assertThat(CliRun.run(db.environment(), "migrate").exitCode()).isZero();
			Map<String, String> unmanaged = new HashMap<>(db.environment());
			unmanaged.put("EMBEDDINGS_INDEX_MANAGE", "false");
			CliRun backfill = CliRun.run(unmanaged, "backfill", "--limit=20000", "--quantized=true");
			assertThat(backfill.exitCode()).as(backfill.toString()).isZero();
			assertThat(db.count("select count(*) from public.event_embeddings")).isEqualTo(20_000);
			assertThat(options(db)).isEqualTo("lists=100");

			// when a rebuild has too little memory (the server's default is 64 MB; IVFFlat with 20 lists needs
			// about 2), then it says which setting to raise, exits 2, and the index is as it was
			Map<String, String> starved = new HashMap<>(db.environment());
			starved.put("EMBEDDINGS_INDEX_BUILD_MEMORY", "1MB");
			CliRun failed = CliRun.run(starved, "index");
			assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(2);
			assertThat(failed.err()).contains("could not rebuild the vector index").contains("maintenance_work_mem")
				.contains("raise EMBEDDINGS_INDEX_BUILD_MEMORY (now 1MB)");
			assertThat(options(db)).isEqualTo("lists=100");

			// when the index is checked while an app keeps querying
			AtomicBoolean stop = new AtomicBoolean();
			ExecutorService app = Executors.newSingleThreadExecutor();
			Future<Integer> queries = app.submit(() -> queryUntil(db, stop));
			CliRun index;
			try {
				index = CliRun.run(db.environment(), "index");
			}
			finally {
				stop.set(true);
				app.shutdown();
			}

			// then it was rebuilt with lists = rows / 1000 and swapped in under the same name, and every
			// query during the rebuild returned its 5 neighbours
			assertThat(index.exitCode()).as(index.toString()).isZero();
			assertThat(index.out()).contains("rebuilt as ivfflat (lists = 20)");
			assertThat(options(db)).isEqualTo("lists=20");
			// (the rows it records are the planner's estimate, which the index check reads instead of counting)
			String builtOn = db.jdbc().queryForObject("select obj_description('public.event_embeddings_embedding_idx'::regclass,"
					+ " 'pg_class')", String.class);
			assertThat(builtOn).matches("iot-embeddings: built on \\d+ rows");
			assertThat(Long.parseLong(builtOn.replaceAll("\\D", ""))).isBetween(19_600L, 20_400L);
			assertThat(db.count("select count(*) from pg_indexes where tablename = 'event_embeddings'"
					+ " and indexname like '%embedding_idx%'")).isEqualTo(1);
			assertThat(db.count("select count(*) from pg_index where indrelid = 'public.event_embeddings'::regclass"
					+ " and not indisvalid")).isZero();
			assertThat(queries.get()).as("queries answered during the rebuild").isPositive();

			// when it is checked again, it fits, and is left alone
			CliRun again = CliRun.run(db.environment(), "index");
			assertThat(again.out()).contains("fits its rows, left as it is");

			// when HNSW is configured instead, it replaces the IVFFlat index
			Map<String, String> hnsw = new HashMap<>(db.environment());
			hnsw.put("EMBEDDINGS_INDEX_TYPE", "hnsw");
			CliRun toHnsw = CliRun.run(hnsw, "index");
			assertThat(toHnsw.exitCode()).as(toHnsw.toString()).isZero();
			assertThat(db.jdbc().queryForObject("select pg_get_indexdef('public.event_embeddings_embedding_idx'::regclass)",
					String.class)).contains("USING hnsw").contains("m='16'").contains("ef_construction='64'");
		}
	}

	@Test
	void aSmallTableKeepsItsIndexAndALeftoverFromACrashedBuildIsCleanedUp() {
		try (TestDatabase db = TestDatabaseServer.get().createDatabase("index_small")) {
			// given 500 embedded events (below the 10,000 where rebuilding starts to pay) and an invalid
			// index a crashed build left behind
			assertThat(CliRun.run(db.environment(), "demo-seed", "--events=500").exitCode()).isZero();
			assertThat(CliRun.run(db.environment(), "migrate").exitCode()).isZero();
			assertThat(CliRun.run(db.environment(), "backfill", "--limit=500", "--quantized=true").exitCode()).isZero();
			db.jdbc().execute("create index event_embeddings_embedding_idx_new on public.event_embeddings (event_id)");
			db.jdbc().execute("update pg_index set indisvalid = false"
					+ " where indexrelid = 'public.event_embeddings_embedding_idx_new'::regclass");

			// when the index is checked, then it is left as it is
			assertThat(CliRun.run(db.environment(), "index").out()).contains("fits its rows, left as it is");
			assertThat(options(db)).isEqualTo("lists=100");

			// when a rebuild is forced, then the leftover goes and a fitting index is built
			CliRun forced = CliRun.run(db.environment(), "index", "--rebuild=true");
			assertThat(forced.exitCode()).as(forced.toString()).isZero();
			assertThat(options(db)).isEqualTo("lists=1");
			assertThat(db.count("select count(*) from pg_class where relname = 'event_embeddings_embedding_idx_new'")).isZero();
		}
	}

	private static String options(TestDatabase db) {
		return db.jdbc().queryForObject("select array_to_string(reloptions, ',') from pg_class"
				+ " where relname = 'event_embeddings_embedding_idx'", String.class);
	}

	/**
	 * The query an app sends, over and over on one session until told to stop; fails on any error or
	 * short answer. All lists are probed, so the answer is complete whichever index serves it.
	 */
	private static int queryUntil(TestDatabase db, AtomicBoolean stop) {
		String vector = db.jdbc().queryForObject("select embedding::text from public.event_embeddings limit 1", String.class);
		Integer answered = db.jdbc().execute((Connection connection) -> {
			try (Statement settings = connection.createStatement()) {
				settings.execute("set ivfflat.probes = 1000");
			}
			int count = 0;
			try (PreparedStatement query = connection.prepareStatement(
					"select count(*) from (select event_id from public.event_embeddings order by embedding <=> ?::vector limit 5) q")) {
				while (!stop.get()) {
					query.setString(1, vector);
					try (ResultSet rs = query.executeQuery()) {
						rs.next();
						assertThat(rs.getInt(1)).isEqualTo(5);
					}
					count++;
				}
			}
			return count;
		});
		return (answered != null) ? answered : 0;
	}

}
