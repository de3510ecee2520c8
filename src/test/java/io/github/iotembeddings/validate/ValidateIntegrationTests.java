package io.github.iotembeddings.validate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.github.iotembeddings.support.CliRun;
import io.github.iotembeddings.support.TestDatabase;
import io.github.iotembeddings.support.TestDatabaseServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code validate} on real data, with the real model and a real IVFFlat index. */
class ValidateIntegrationTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void completeTablePassesAndTheJsonAgreesWithSql(@TempDir Path reports) throws Exception {
		try (TestDatabase db = TestDatabaseServer.get().createMigratedDatabase("validate_ok")) {
			// given 40 embedded events
			db.insertSimpleEvents(40);
			assertThat(CliRun.run(db.environment(), "sync").exitCode()).isZero();

			// when
			CliRun validate = CliRun.run(db.environment(), "validate", "--reports-dir=" + reports);

			// then
			assertThat(validate.exitCode()).as(validate.toString()).isZero();
			JsonNode report = json.readTree(Files.readString(reports.resolve("emb_validation.json")));
			assertThat(report.get("passed").asBoolean()).isTrue();
			assertThat(report.get("parity").get("events").asLong()).isEqualTo(db.count("select count(*) from public.iot_events"));
			assertThat(report.get("parity").get("embedded").asLong())
				.isEqualTo(db.count("select count(*) from public.event_embeddings"));
			assertThat(report.get("parity").get("missing").asLong()).isZero();
			assertThat(report.get("stale").asLong()).isZero();
			assertThat(report.get("model").asString()).isEqualTo("all-MiniLM-L6-v2@256");
			JsonNode similarity = report.get("similarity");
			assertThat(similarity).hasSize(2);
			for (JsonNode form : similarity) {
				// The index form may return fewer than 5: an IVFFlat index built on an empty table probes
				// only some of its lists.
				assertThat(form.get("neighbours").size()).isBetween(1, 5);
				assertThat(form.get("neighbours").get(0).get("cosineSimilarity").asDouble()).isGreaterThan(0.999);
				assertThat(form.get("neighbours").get(0).get("text").asString()).isNotBlank();
				assertThat(form.get("p95Ms").asDouble()).isGreaterThanOrEqualTo(form.get("p50Ms").asDouble());
			}
			assertThat(similarity.get(0).get("neighbours")).as("the specified query scans everything").hasSize(5);
			assertThat(similarity.get(0).get("usedIndex").asBoolean()).as("ordering by computed similarity").isFalse();
			assertThat(report.get("recall").get("k").asInt()).isEqualTo(10);
			assertThat(report.get("recall").get("indexUsed").asString())
				.isEqualTo("index scan of event_embeddings_embedding_idx, ivfflat (lists=100)");
			assertThat(report.get("schema")).hasSize(4).allSatisfy(check -> assertThat(check.get("passed").asBoolean()).isTrue());
			assertThat(Files.readString(reports.resolve("emb_validation.md"))).contains("PASSED").contains("Row parity");
		}
	}

	@Test
	void anHnswIndexIsReportedAsHnswWithItsParametersFromEveryQuerysPlan(@TempDir Path reports) throws Exception {
		try (TestDatabase db = TestDatabaseServer.get().createMigratedDatabase("validate_hnsw")) {
			// given embedded events and the vector index replaced by an HNSW one with a non-default m
			db.insertSimpleEvents(40);
			assertThat(CliRun.run(db.environment(), "sync").exitCode()).isZero();
			db.jdbc().execute("drop index public.event_embeddings_embedding_idx");
			db.jdbc().execute("""
					create index event_embeddings_embedding_idx on public.event_embeddings
					using hnsw (embedding vector_cosine_ops) with (m = 8)""");

			// when
			CliRun validate = CliRun.run(db.environment(), "validate", "--reports-dir=" + reports);

			// then every query's plan names the index it read with its type from the catalog
			assertThat(validate.exitCode()).as(validate.toString()).isZero();
			assertThat(validate.out()).contains("recall@10").contains("at hnsw.ef_search 40");
			JsonNode report = json.readTree(Files.readString(reports.resolve("emb_validation.json")));
			String hnsw = "index scan of event_embeddings_embedding_idx, hnsw (m=8, ef_construction=64)";
			assertThat(report.get("recall").get("searchSetting").asString()).isEqualTo("hnsw.ef_search");
			assertThat(report.get("recall").get("indexUsed").asString()).isEqualTo(hnsw);
			JsonNode queries = report.get("queries");
			assertThat(queries).extracting(query -> query.get("name").asString()).contains("row parity",
					"similarity smoke, specified: order by computed similarity",
					"similarity smoke, indexable: order by embedding <=> query", "recall, index top 10 (sequential scans off)",
					"recall, exact top 10 (one scan for every sampled vector)", "recall, top-5 latency");
			JsonNode recallQuery = queries.get(3);
			assertThat(recallQuery.get("settings").asString()).isEqualTo("hnsw.ef_search = 40");
			assertThat(recallQuery.get("scans").get(0).get("indexType").asString()).isEqualTo("hnsw (m=8, ef_construction=64)");
			// the specified form orders by a computed value: no vector index can serve it
			JsonNode specified = report.get("similarity").get(0);
			assertThat(specified.get("usedIndex").asBoolean()).isFalse();
			assertThat(specified.get("indexUsed").asString()).contains("sequential scan").doesNotContain("hnsw");
			// whatever the planner chose for the indexable form, the boolean and the words agree with its plan
			JsonNode indexable = report.get("similarity").get(1);
			assertThat(indexable.get("usedIndex").asBoolean())
				.isEqualTo(indexable.get("plan").asString().contains("event_embeddings_embedding_idx"))
				.isEqualTo(indexable.get("indexUsed").asString().equals(hnsw));
			String markdown = Files.readString(reports.resolve("emb_validation.md"));
			assertThat(markdown).contains("hnsw (m=8, ef_construction=64)").doesNotContainIgnoringCase("ivfflat index")
				.contains("## How each query read the tables");
		}
	}

	@Test
	void oneMissingEventFailsWithTheCount(@TempDir Path reports) {
		try (TestDatabase db = TestDatabaseServer.get().createMigratedDatabase("validate_missing")) {
			// given every event embedded but one inserted since
			db.insertSimpleEvents(10);
			assertThat(CliRun.run(db.environment(), "sync").exitCode()).isZero();
			db.insertSimpleEvents(1);

			// when
			CliRun validate = CliRun.run(db.environment(), "validate", "--reports-dir=" + reports);

			// then
			assertThat(validate.exitCode()).isEqualTo(1);
			assertThat(validate.err().strip()).isEqualTo("error: validate: 1 of 11 events have no embedding (run sync)");
			assertThat(reports.resolve("emb_validation.json")).content().contains("\"passed\" : false");
		}
	}

	@Test
	void recallIsLowAtOneProbeOfManyListsAndReachesTheTargetWithMore(@TempDir Path reports) throws Exception {
		try (TestDatabase db = TestDatabaseServer.get().createDatabase("validate_recall")) {
			// given 300 varied demo events and an index rebuilt on them with 100 lists: about three
			// vectors a list, so one probe cannot hold ten neighbours
			assertThat(CliRun.run(db.environment(), "demo-seed", "--events=300").exitCode()).isZero();
			assertThat(CliRun.run(db.environment(), "migrate").exitCode()).isZero();
			assertThat(CliRun.run(db.environment(), "sync").exitCode()).isZero();
			db.jdbc().execute("drop index public.event_embeddings_embedding_idx");
			db.jdbc().execute("""
					create index event_embeddings_embedding_idx on public.event_embeddings
					using ivfflat (embedding vector_cosine_ops) with (lists = 100)""");

			// when the tool picks the probes, then it searches the square root of the lists
			CliRun byDefault = CliRun.run(db.environment(), "validate", "--reports-dir=" + reports);
			assertThat(byDefault.exitCode()).as(byDefault.toString()).isZero();
			JsonNode defaultRecall = json.readTree(Files.readString(reports.resolve("emb_validation.json"))).get("recall");
			assertThat(defaultRecall.get("probesInUse").asInt()).isEqualTo(10);

			// when probes are set to the server's default of 1
			Map<String, String> oneProbe = new HashMap<>(db.environment());
			oneProbe.put("EMBEDDINGS_INDEX_PROBES", "1");
			CliRun validate = CliRun.run(oneProbe, "validate", "--reports-dir=" + reports);

			// then at 1 probe of 100 lists the index misses neighbours, and the search finds the probes
			// that reach 0.95 (at the latest 100, where IVFFlat is exact)
			assertThat(validate.exitCode()).as(validate.toString()).isZero();
			JsonNode recall = json.readTree(Files.readString(reports.resolve("emb_validation.json"))).get("recall");
			assertThat(recall.get("lists").asInt()).isEqualTo(100);
			assertThat(recall.get("probesInUse").asInt()).isEqualTo(1);
			assertThat(recall.get("recallAtProbesInUse").asDouble()).isLessThan(0.95);
			assertThat(recall.get("probesForTarget").asInt()).isBetween(2, 100);
		}
	}

}
