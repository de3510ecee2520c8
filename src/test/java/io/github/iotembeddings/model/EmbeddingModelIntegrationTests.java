package io.github.iotembeddings.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.github.iotembeddings.config.InvalidConfigurationException;
import io.github.iotembeddings.config.ModelProperties;
import io.github.iotembeddings.support.TinyOnnxModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The real bundled model (all-MiniLM-L6-v2 on ONNX Runtime), loaded offline. */
class EmbeddingModelIntegrationTests {

	@TempDir
	static Path cacheDir;

	private static EmbeddingModel model;

	@BeforeAll
	static void loadModel() {
		System.setProperty("ai.djl.offline", "true");
		System.setProperty("ai.djl.onnx.disable_alternative", "true");
		model = load(EmbeddingModels.properties(null, null, cacheDir));
	}

	@AfterAll
	static void closeModel() {
		model.close();
	}

	@Test
	void batchEmbeddingEqualsOneByOneEmbedding() {
		// given texts of very different lengths, so the batch pads the short ones heavily
		List<String> texts = List.of("door opened", "battery_low event from device door-07: battery_pct 9",
				"overheating_alert event from device thermo-03: message temperature above threshold, fan speed raised,"
						+ " room server room, temp_c 88.4, threshold_c 65",
				"device_error event from device gateway-01: " + "retry after watchdog reset; ".repeat(40), "");

		// when
		float[][] batch = model.embed(texts);

		// then
		assertThat(batch).hasNumberOfRows(texts.size());
		for (int i = 0; i < texts.size(); i++) {
			float[] single = model.embed(List.of(texts.get(i)))[0];
			assertThat(cosine(batch[i], single)).as("text %d", i).isGreaterThan(0.99999);
		}
	}

	@Test
	void aChunkOfMixedLengthsRunsInSeveralCallsAndCountsItsTokens() {
		// given 40 short texts and one long one: the long one must not pad the short ones
		List<String> texts = new java.util.ArrayList<>();
		for (int i = 0; i < 40; i++) {
			texts.add("door " + i + " opened");
		}
		texts.add("device_error event from device gateway-01: " + "retry after watchdog reset; ".repeat(40));
		EmbeddingStats before = model.stats();

		// when
		model.embed(texts);

		// then
		EmbeddingStats spent = model.stats().since(before);
		assertThat(spent.texts()).isEqualTo(41);
		assertThat(spent.calls()).isGreaterThan(1);
		assertThat(spent.tokens()).as("the long text is truncated at the model's limit").isBetween(256L + 40 * 4, 256L + 40 * 8);
		assertThat(spent.paddedTokens()).isLessThan(spent.tokens() * 12 / 10);
	}

	@Test
	void theQuantizedModelLoadsUnderItsOwnNameAndStaysCloseToTheOriginal() {
		List<String> texts = List.of("door opened in the server room", "battery low on thermostat 7");
		try (EmbeddingModel int8 = load(EmbeddingModels.properties(null, null, cacheDir).withQuantized(true))) {
			float[][] quantized = int8.embed(texts);
			float[][] original = model.embed(texts);

			assertThat(int8.id()).isEqualTo("all-MiniLM-L6-v2-int8@256").isNotEqualTo(model.id());
			for (int i = 0; i < texts.size(); i++) {
				assertThat(cosine(quantized[i], original[i])).isBetween(0.95, 0.9999);
			}
		}
	}

	@Test
	void oddInputsGiveValidUnitVectors() {
		// given
		List<String> texts = new ArrayList<>(Arrays.asList(null, "", "   ", "x".repeat(20_000),
				"temperature ".repeat(2_000), "tab\there\r\nnewline\u0007bell\u001b[31m escape", "🔥🌡️ overheating 🚪🔋",
				"lone surrogate \uD83D here", "nul \u0000 byte", "مستشعر الحرارة", "温度センサー過熱"));

		// when
		float[][] vectors = model.embed(texts);

		// then
		assertThat(vectors).hasNumberOfRows(texts.size());
		for (float[] vector : vectors) {
			assertThat(vector).hasSize(384);
			double norm = 0;
			for (float value : vector) {
				assertThat(Float.isFinite(value)).isTrue();
				norm += value * value;
			}
			assertThat(Math.sqrt(norm)).isCloseTo(1.0, within(1e-5));
		}
		assertThat(cosine(vectors[0], vectors[1])).as("null embeds as the empty text").isGreaterThan(0.99999);
	}

	@Test
	void textsLongerThanTheLimitAreTruncatedNotRejected() {
		// given two texts that differ only after the 256-token limit
		String head = "sensor reading ".repeat(200);
		float[][] vectors = model.embed(List.of(head + "door", head + "battery smoke fire alarm"));

		// then the model only saw the shared head
		assertThat(model.maxLength()).isEqualTo(256);
		assertThat(cosine(vectors[0], vectors[1])).isGreaterThan(0.99999);
	}

	@Test
	void unknownModelDirectoryIsRefusedWithItsName(@TempDir Path tmp) {
		Path missing = tmp.resolve("no-such-model");
		assertThatThrownBy(() -> load(EmbeddingModels.properties(missing, null, cacheDir)))
			.isInstanceOf(InvalidConfigurationException.class)
			.hasMessageContaining(missing.toString())
			.hasMessageContaining("does not exist");
	}

	@Test
	void modelOfTheWrongDimensionIsRefusedAtLoad(@TempDir Path tmp) throws Exception {
		Path dir = TinyOnnxModel.write(tmp.resolve("tiny-768"), 768);
		assertThatThrownBy(() -> load(EmbeddingModels.properties(dir, null, cacheDir)))
			.isInstanceOf(InvalidConfigurationException.class)
			.hasMessageContaining("produces 768-dimensional vectors")
			.hasMessageContaining("vector(384)");
	}

	@Test
	void localOnnxDirectoryLoadsWithItsDeclaredLimit(@TempDir Path tmp) throws Exception {
		// given a model directory in the Hugging Face layout, declaring its own limit
		Path dir = TinyOnnxModel.write(tmp.resolve("tiny-384"), 384);
		java.nio.file.Files.writeString(dir.resolve("tokenizer_config.json"), "{\"model_max_length\": 512}");

		// when
		try (EmbeddingModel tiny = load(EmbeddingModels.properties(dir, null, cacheDir))) {
			float[][] vectors = tiny.embed(List.of("door opened", "battery low"));

			// then
			assertThat(tiny.engine()).isEqualTo("OnnxRuntime");
			assertThat(tiny.maxLength()).isEqualTo(512);
			assertThat(tiny.name()).isEqualTo("tiny-384");
			assertThat(vectors[0]).hasSize(384);
		}
	}

	private static EmbeddingModel load(ModelProperties properties) {
		return EmbeddingModels.load(properties);
	}

	static double cosine(float[] a, float[] b) {
		double dot = 0;
		double na = 0;
		double nb = 0;
		for (int i = 0; i < a.length; i++) {
			dot += a[i] * b[i];
			na += a[i] * a[i];
			nb += b[i] * b[i];
		}
		return dot / Math.sqrt(na * nb);
	}

}
