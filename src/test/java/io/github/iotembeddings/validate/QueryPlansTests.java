package io.github.iotembeddings.validate;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class QueryPlansTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void everyScanIsFoundDepthFirstAndABitmapIndexScanTakesItsTableFromItsParent() {
		// EXPLAIN (FORMAT JSON) as PostgreSQL 15 shapes it, trimmed to the fields read
		String explained = """
				[{"Plan": {"Node Type": "Limit", "Plans": [
				  {"Node Type": "Nested Loop", "Plans": [
				    {"Node Type": "Index Scan", "Relation Name": "event_embeddings", "Index Name": "event_embeddings_embedding_idx"},
				    {"Node Type": "Bitmap Heap Scan", "Relation Name": "iot_events", "Plans": [
				      {"Node Type": "BitmapAnd", "Plans": [
				        {"Node Type": "Bitmap Index Scan", "Index Name": "iot_events_pkey"},
				        {"Node Type": "Bitmap Index Scan", "Index Name": "iot_events_device_idx"}]}]},
				    {"Node Type": "Seq Scan", "Relation Name": "event_embeddings", "Parallel Aware": true}]}]}}]""";

		List<PlanScan> scans = QueryPlans.scans(json.readTree(explained));

		assertThat(scans).containsExactly(
				new PlanScan("event_embeddings", "index scan", "event_embeddings_embedding_idx", null),
				new PlanScan("iot_events", "bitmap index scan", "iot_events_pkey", null),
				new PlanScan("iot_events", "bitmap index scan", "iot_events_device_idx", null),
				new PlanScan("event_embeddings", "sequential scan", null, null));
	}

	@Test
	void theIndexUsedIsTheEmbeddingsTablesReadsOnly() {
		QueryPlan plan = new QueryPlan("q", "select", "", List.of(
				new PlanScan("event_embeddings", "index scan", "event_embeddings_embedding_idx", "hnsw (m=16, ef_construction=64)"),
				new PlanScan("iot_events", "index scan", "iot_events_pkey", "btree")));
		QueryPlan scan = new QueryPlan("q", "select", "", List.of(new PlanScan("event_embeddings", "sequential scan", null, null)));

		assertThat(plan.indexUsed()).isEqualTo("index scan of event_embeddings_embedding_idx, hnsw (m=16, ef_construction=64)");
		assertThat(plan.usesVectorIndex()).isTrue();
		assertThat(scan.indexUsed()).isEqualTo("sequential scan");
		assertThat(scan.usesVectorIndex()).isFalse();
	}

	@Test
	void parametersComeFromTheCatalogWithPgvectorsDefaultsForTheRest() {
		assertThat(QueryPlans.describe("hnsw", null)).isEqualTo("hnsw (m=16, ef_construction=64)");
		assertThat(QueryPlans.describe("hnsw", "m=8")).isEqualTo("hnsw (m=8, ef_construction=64)");
		assertThat(QueryPlans.describe("ivfflat", "lists=1000")).isEqualTo("ivfflat (lists=1000)");
		assertThat(QueryPlans.describe("btree", null)).isEqualTo("btree");
		assertThat(QueryPlans.describe("btree", "fillfactor=70")).isEqualTo("btree (fillfactor=70)");
	}

}
