package io.github.iotembeddings.index;

import io.github.iotembeddings.config.IndexProperties;
import io.github.iotembeddings.config.IndexProperties.IndexType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IndexPolicyTests {

	private static final IndexProperties IVFFLAT = new IndexProperties(true, IndexType.IVFFLAT, 10_000, null, 16, 64, 40, "1GB", 0.1);

	private static final IndexProperties HNSW = new IndexProperties(true, IndexType.HNSW, 10_000, null, 16, 64, 40, "1GB", 0.1);

	@Test
	void listsFollowPgvectorsGuidance() {
		assertThat(IndexPolicy.recommendedLists(0)).isEqualTo(1);
		assertThat(IndexPolicy.recommendedLists(20_000)).isEqualTo(20);
		assertThat(IndexPolicy.recommendedLists(1_000_000)).isEqualTo(1000);
		assertThat(IndexPolicy.recommendedLists(10_000_000)).isEqualTo(3162);
	}

	@Test
	void theSpecifiedIndexIsRebuiltOnceThereAreEnoughRows() {
		IndexState specified = ivfflat(100, 20_000, null);

		assertThat(IndexPolicy.plan(specified, IVFFLAT)).hasValueSatisfying(plan -> {
			assertThat(plan.withClause()).isEqualTo("lists = 20");
			assertThat(plan.reason()).contains("not built on this data");
		});
		assertThat(IndexPolicy.plan(ivfflat(100, 9_999, null), IVFFLAT)).as("below min-rows").isEmpty();
	}

	@Test
	void anIndexTheToolBuiltIsRebuiltWhenTheRowsDoubleOrTheListsDriftApart() {
		assertThat(IndexPolicy.plan(ivfflat(20, 39_999, 20_000L), IVFFLAT)).isEmpty();
		assertThat(IndexPolicy.plan(ivfflat(20, 40_000, 20_000L), IVFFLAT)).hasValueSatisfying(
				plan -> assertThat(plan.reason()).contains("rows grew from 20000 to 40000"));
		assertThat(IndexPolicy.plan(ivfflat(100, 20_000, 20_000L), IVFFLAT)).hasValueSatisfying(
				plan -> assertThat(plan.reason()).contains("lists = 100 is far from the 20"));
	}

	@Test
	void aConfiguredHnswIndexReplacesIvfflatAndStaysUntilItsParametersChange() {
		assertThat(IndexPolicy.plan(ivfflat(20, 20_000, 20_000L), HNSW))
			.hasValueSatisfying(plan -> assertThat(plan.method()).isEqualTo("hnsw"));
		IndexState hnsw = new IndexState("hnsw", 0, 16, 64, true, 5_000_000, 20_000L, 0, "");
		assertThat(IndexPolicy.plan(hnsw, HNSW)).as("HNSW needs no rebuild as rows grow").isEmpty();
		assertThat(IndexPolicy.plan(hnsw, new IndexProperties(true, IndexType.HNSW, 10_000, null, 32, 64, 40, "1GB", 0.1)))
			.isPresent();
	}

	@Test
	void aMissingOrInvalidIndexIsBuilt() {
		IndexState none = new IndexState(null, 0, 0, 0, false, 50_000, null, 0, null);
		assertThat(IndexPolicy.plan(none, IVFFLAT)).hasValueSatisfying(
				plan -> assertThat(plan.reason()).contains("there is no vector index"));
		IndexState invalid = new IndexState("ivfflat", 50, 0, 0, false, 50_000, 50_000L, 0, "");
		assertThat(IndexPolicy.plan(invalid, IVFFLAT)).isPresent();
	}

	@Test
	void theToolsQueriesSearchTheSquareRootOfTheListsUnlessConfigured() {
		assertThat(SearchSettings.forIndex(ivfflat(100, 100_000, 100_000L), IVFFLAT))
			.isEqualTo(new SearchSettings("ivfflat.probes", 10));
		assertThat(SearchSettings.forIndex(ivfflat(20, 20_000, 20_000L), IVFFLAT).value()).isEqualTo(5);
		assertThat(SearchSettings.probes(100, 3)).isEqualTo(3);
		assertThat(SearchSettings.probes(4, 50)).as("never more than the lists").isEqualTo(4);
		assertThat(SearchSettings.forIndex(new IndexState("hnsw", 0, 16, 64, true, 1, 1L, 0, ""), HNSW))
			.isEqualTo(new SearchSettings("hnsw.ef_search", 40));
	}

	@Test
	void theCommentOfAnIndexTheToolBuiltGivesItsRows() {
		assertThat(IndexInspector.builtOnRows("iot-embeddings: built on 20000 rows")).isEqualTo(20_000L);
		assertThat(IndexInspector.builtOnRows("made by hand")).isNull();
		assertThat(IndexInspector.builtOnRows(null)).isNull();
	}

	private static IndexState ivfflat(int lists, long rows, Long builtOnRows) {
		return new IndexState("ivfflat", lists, 0, 0, true, rows, builtOnRows, 0, "");
	}

}
