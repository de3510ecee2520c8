package io.github.iotembeddings.config;

import java.nio.file.Path;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Which sentence-embedding model to run and how.
 *
 * @param dir a local model directory ({@code model.onnx} or a TorchScript {@code *.pt} plus
 * {@code tokenizer.json}); unset for the bundled all-MiniLM-L6-v2
 * @param quantized with no {@code dir}: run the bundled model's int8 quantisation (faster, vectors a
 * little different, recorded under their own model name so a switch re-embeds)
 * @param maxLength the longest input in tokens, longer texts are truncated; unset for the model's own
 * limit (tokenizer_config.json, config.json, else 512)
 * @param cacheDir where the bundled model is unpacked once, since the runtime loads models from files
 * @param batchTexts most texts in one model call; a chunk is split into calls of similar length
 * @param batchTokens most padded tokens (texts x the longest one's tokens) in one model call
 * @param threads ONNX Runtime intra-op threads; unset for one per available processor
 * @param pooling {@code mean} or {@code cls}; unset for what the model directory's
 * {@code 1_Pooling/config.json} says, else {@code mean}
 * @param queryPrefix put before every search query ({@code ""} for none); unset for the {@code query}
 * prompt of the directory's {@code config_sentence_transformers.json}, else none
 * @param passagePrefix put before every event text embedded ({@code ""} for none); unset for the
 * {@code passage} (or {@code document}) prompt of {@code config_sentence_transformers.json}, else none
 */
@ConfigurationProperties("embeddings.model")
@Validated
public record ModelProperties(@Nullable Path dir, boolean quantized, @Nullable @Min(8) @Max(8192) Integer maxLength,
		Path cacheDir, @Min(1) @Max(4096) int batchTexts, @Min(1) int batchTokens,
		@Nullable @Min(1) @Max(256) Integer threads,
		@Nullable @Pattern(regexp = POOLING_VALUES, message = "must be mean or cls") String pooling,
		@Nullable String queryPrefix, @Nullable String passagePrefix) {

	/** The vector size the {@code event_embeddings.embedding} column holds. */
	public static final int DIMENSION = 384;

	/** The poolings the model package computes (its {@code Pooling} constants, lower case). */
	public static final String POOLING_VALUES = "mean|cls";

	/** @return these settings with the bundled model's int8 version or its fp32 original */
	public ModelProperties withQuantized(boolean quantizedModel) {
		return new ModelProperties(dir, quantizedModel, maxLength, cacheDir, batchTexts, batchTokens, threads, pooling,
				queryPrefix, passagePrefix);
	}

	/** @return these settings for another model directory ({@code null}: the bundled model) */
	public ModelProperties withDir(@Nullable Path modelDir) {
		return new ModelProperties(modelDir, quantized, maxLength, cacheDir, batchTexts, batchTokens, threads, pooling,
				queryPrefix, passagePrefix);
	}

	/** @return the intra-op thread count to use */
	public int threadCount() {
		return (threads != null) ? threads : Runtime.getRuntime().availableProcessors();
	}

}
