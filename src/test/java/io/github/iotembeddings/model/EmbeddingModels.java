package io.github.iotembeddings.model;

import io.github.iotembeddings.config.ModelProperties;

/** Lets tests in other packages load the real model the way the application does. */
public final class EmbeddingModels {

	private EmbeddingModels() {
	}

	public static EmbeddingModel load(ModelProperties properties) {
		return new EmbeddingModelLoader(new ModelLocator(properties)).load();
	}

}
