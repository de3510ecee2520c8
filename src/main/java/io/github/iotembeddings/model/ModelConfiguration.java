package io.github.iotembeddings.model;

import io.github.iotembeddings.config.ModelProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/** The model is loaded only by commands that embed, and closed with the application. */
@Configuration(proxyBeanMethods = false)
class ModelConfiguration {

	static final String BEAN_NAME = "embeddingModel";

	@Bean(name = BEAN_NAME, destroyMethod = "close")
	@Lazy
	EmbeddingModel embeddingModel(ModelProperties properties) {
		EmbeddingModel.CallLimits limits = new EmbeddingModel.CallLimits(properties.batchTexts(), properties.batchTokens(),
				properties.threadCount());
		return EmbeddingModelLoader.load(properties, limits);
	}

	/** Lazy as the model is: a command that never embeds never reads the model's settings either. */
	@Bean
	@Lazy
	ModelIdentity modelIdentity(ModelProperties properties) {
		return ModelIdentity.of(properties);
	}

}
