package io.github.iotembeddings.model;

import io.github.iotembeddings.config.HttpProperties;
import io.github.iotembeddings.config.ModelProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;

/** The model is loaded only by commands that embed, and closed with the application. */
@Configuration(proxyBeanMethods = false)
class ModelConfiguration {

	static final String BEAN_NAME = "embeddingModel";

	@Bean(name = BEAN_NAME, destroyMethod = "close")
	@Lazy
	EmbeddingModel embeddingModel(ModelProperties properties, HttpProperties http, Environment environment) {
		EmbeddingModel.CallLimits limits = new EmbeddingModel.CallLimits(properties.batchTexts(), properties.batchTokens(),
				properties.threadCount());
		// Where requests embed beside the job (schedule, serve), they get a session of their own; a one-shot
		// command embeds for one caller only and loads the model once.
		return environment.matchesProfiles("web") ? EmbeddingModelLoader.load(properties, limits, http.modelThreads())
				: EmbeddingModelLoader.load(properties, limits);
	}

	/** Lazy as the model is: a command that never embeds never reads the model's settings either. */
	@Bean
	@Lazy
	ModelIdentity modelIdentity(ModelProperties properties) {
		return ModelIdentity.of(properties);
	}

}
