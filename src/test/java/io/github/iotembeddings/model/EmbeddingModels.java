package io.github.iotembeddings.model;

import java.nio.file.Path;

import io.github.iotembeddings.config.ModelProperties;
import org.jspecify.annotations.Nullable;

/** Lets tests in other packages load the real model the way the application does. */
public final class EmbeddingModels {

	private EmbeddingModels() {
	}

	/** Model settings as application.properties gives them, with the given directory, limit and cache. */
	public static ModelProperties properties(@Nullable Path dir, @Nullable Integer maxLength, Path cacheDir) {
		return new ModelProperties(dir, false, maxLength, cacheDir, 128, 8192, null, null, null, null);
	}

	public static EmbeddingModel load(ModelProperties properties) {
		return EmbeddingModelLoader.load(properties,
				new EmbeddingModel.CallLimits(properties.batchTexts(), properties.batchTokens(), properties.threadCount()));
	}

}
