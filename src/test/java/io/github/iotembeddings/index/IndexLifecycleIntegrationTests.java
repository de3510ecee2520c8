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
 * The index lifecycle on a real pgvector index. The 20,000 vectors are random unit-free vectors written
 * by SQL, not the model's: what is under test is how the index is rebuilt and swapped, which does not
 * depend on where the vectors came from (and embedding 20,000 texts would add minutes to every build).
 */
class IndexLifecycleIntegrationTests {

	@Test
	void anIndexBuiltOnAnEmptyTableIsRebuiltForItsRowsWhileQueriesKeepWorking() throws Exception {
		try (TestDatabase db = TestDatabaseServer.get().createDatabase("index_rebuild")) {
			// given the specified index (lists = 100, built on an empty table) and then 20,000 rows
			db.createEventsTable();
			assertThat(CliRun.run(db.environment(), "migrate").exitCode()).isZero();
			insertRandomEmbeddings(db, 20_000);
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
			assertThat(db.jdbc().queryForObject("select obj_description('public.event_embeddings_embedding_idx'::regclass,"
					+ " 'pg_class')", String.class)).isEqualTo("iot-embeddings: built on 20000 rows");
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
			// given 500 rows (below the 10,000 where rebuilding starts to pay) and an invalid index a
			// crashed build left behind
			db.createEventsTable();
			assertThat(CliRun.run(db.environment(), "migrate").exitCode()).isZero();
			insertRandomEmbeddings(db, 500);
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

	private static void insertRandomEmbeddings(TestDatabase db, int rows) {
		db.jdbc().update("""
				insert into public.iot_events (device_id, event_type, payload)
				select 'device-' || (g % 50), 'reading', jsonb_build_object('n', g) from generate_series(1, ?) g""", rows);
		db.jdbc().execute("""
				insert into public.event_embeddings (event_id, embedding, model, text_hash)
				select e.id, (select array_agg(random() - 0.5) from generate_series(1, 384) where e.id is not null)::vector,
				       'test', 'x'
				from public.iot_events e""");
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
