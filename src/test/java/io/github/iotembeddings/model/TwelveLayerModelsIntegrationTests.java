package io.github.iotembeddings.model;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import ai.djl.engine.Engine;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15.BgeSmallEnV15EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.e5smallv2.E5SmallV2EmbeddingModel;
import io.github.iotembeddings.support.OnThread;
import io.github.iotembeddings.support.TwelveLayerModels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 12-layer models through {@code --model=DIR}, each against langchain4j's own class for it (the same ONNX
 * file and tokenizer, its own pooling, one ONNX Runtime call per text). langchain4j adds no prefix itself
 * (its classes only choose the file and the pooling), so both sides get the same prefixed texts here.
 * It also splits a text of more than 510 tokens into parts and averages their vectors, where the tool
 * truncates at the model's limit: the texts here are all well under it, where both compute the same thing.
 */
class TwelveLayerModelsIntegrationTests {

	/** IoT event texts as the job embeds them, and queries as a search box gets them; all short. */
	private static final List<String> PASSAGES = List.of("door opened",
			"battery_low event from device door-07: battery_pct 9",
			"overheating_alert event from device thermo-03: message temperature above threshold, room server room,"
					+ " temp_c 88.4",
			"device_error event from device gateway-01: " + "retry after watchdog reset; ".repeat(12));

	private static final List<String> QUERIES = List.of("which sensors overheated?", "battery almost empty",
			"someone opened the door at night");

	@TempDir
	static Path cacheDir;

	private static EmbeddingModel e5;

	private static EmbeddingModel bge;

	@BeforeAll
	static void loadModels() {
		System.setProperty("ai.djl.offline", "true");
		System.setProperty("ai.djl.onnx.disable_alternative", "true");
		// DJL must create ONNX Runtime's environment before langchain4j does (see FACTS: thread pool).
		Engine.getEngine("OnnxRuntime");
		e5 = EmbeddingModels.load(EmbeddingModels.properties(TwelveLayerModels.E5_SMALL_V2.dir(), null, cacheDir));
		bge = EmbeddingModels.load(EmbeddingModels.properties(TwelveLayerModels.BGE_SMALL_EN_V15.dir(), null, cacheDir));
	}

	@AfterAll
	static void closeModels() {
		e5.close();
		bge.close();
	}

	@Test
	void e5ReadsMeanPoolingAndItsPrefixesFromTheDirectory() {
		assertThat(e5.settings()).isEqualTo(new ModelSettings(Pooling.MEAN, "query: ", "passage: "));
		assertThat(e5.maxLength()).isEqualTo(512);
		assertThat(e5.id()).isEqualTo("e5-small-v2@512+passage=\"passage: \"");
	}

	@Test
	void bgeReadsClsPoolingAndItsQueryInstructionFromTheDirectory() {
		assertThat(bge.settings())
			.isEqualTo(new ModelSettings(Pooling.CLS, TwelveLayerModels.BGE_QUERY_INSTRUCTION, ""));
		assertThat(bge.id()).isEqualTo("bge-small-en-v1.5@512+cls");
	}

	@Test
	void e5PassagesAndQueriesEqualLangchain4jsE5() {
		E5SmallV2EmbeddingModel reference = new E5SmallV2EmbeddingModel();

		assertSameVectors(e5.embed(List.copyOf(PASSAGES)), reference, PASSAGES, "passage: ");
		assertSameVectors(e5.embedQueries(QUERIES), reference, QUERIES, "query: ");
	}

	@Test
	void bgePassagesAndQueriesEqualLangchain4jsBge() {
		BgeSmallEnV15EmbeddingModel reference = new BgeSmallEnV15EmbeddingModel();

		assertSameVectors(bge.embed(List.copyOf(PASSAGES)), reference, PASSAGES, "");
		assertSameVectors(bge.embedQueries(QUERIES), reference, QUERIES, TwelveLayerModels.BGE_QUERY_INSTRUCTION);
	}

	@Test
	void theQueryPrefixMatters() {
		// given the same text as a query and as a passage: e5 was trained to tell them apart
		float[] asQuery = e5.embedQueries(List.of("battery almost empty"))[0];
		float[] asPassage = e5.embed(List.of("battery almost empty"))[0];

		assertThat(EmbeddingModelIntegrationTests.cosine(asQuery, asPassage)).isLessThan(0.99);
	}

	@Test
	void aQueryDoesNotWaitBehindARunningChunkAndIsNotCounted() {
		// given a chunk holding the passage side, as embed holds it for the whole chunk
		EmbeddingStats before;
		float[][] vectors;
		synchronized (e5) {
			before = e5.stats();

			// when a query comes in meanwhile
			CompletableFuture<float[][]> query = OnThread.start("search", () -> e5.embedQueries(QUERIES));

			// then it is answered while the chunk still holds its lock (the bound only ends a hang)
			assertThat(query).succeedsWithin(Duration.ofMinutes(2));
			vectors = query.join();
		}
		assertThat(vectors).hasNumberOfRows(QUERIES.size());
		assertThat(e5.stats()).as("queries are not the job's work").isEqualTo(before);
	}

	private static void assertSameVectors(float[][] ours, dev.langchain4j.model.embedding.EmbeddingModel reference,
			List<String> texts, String prefix) {
		List<TextSegment> segments = texts.stream().map(text -> TextSegment.from(prefix + text)).toList();
		List<float[]> theirs = reference.embedAll(segments).content().stream().map(e -> e.vector()).toList();
		for (int i = 0; i < texts.size(); i++) {
			assertThat(EmbeddingModelIntegrationTests.cosine(ours[i], theirs.get(i)))
				.as("cosine for %s%s", prefix, texts.get(i))
				.isGreaterThanOrEqualTo(0.9999);
		}
	}

}
