package io.github.iotembeddings.config;

import java.nio.file.Path;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Which sentence-embedding model to run and how.
 *
 * @param dir a local model directory ({@code model.onnx} or a TorchScript {@code *.pt} plus
 * {@code tokenizer.json}); unset for the bundled all-MiniLM-L6-v2
 * @param maxLength the longest input in tokens, longer texts are truncated; unset for the model's own
 * limit (tokenizer_config.json, config.json, else 512)
 * @param cacheDir where the bundled model is unpacked once, since the runtime loads models from files
 */
@ConfigurationProperties("embeddings.model")
@Validated
public record ModelProperties(@Nullable Path dir, @Nullable @Min(8) @Max(8192) Integer maxLength,
		Path cacheDir) {

	/** The vector size the {@code event_embeddings.embedding} column holds. */
	public static final int DIMENSION = 384;

}
