package io.github.iotembeddings.model;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.stereotype.Component;

/**
 * The model if a command has loaded it, without loading it: health checks and metrics must not start a
 * 90 MB load on their own thread (or report a broken model before the command does).
 */
@Component
public class LoadedModel {

	private final ConfigurableListableBeanFactory beanFactory;

	LoadedModel(ConfigurableListableBeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	/** @return the loaded model, or null while no command has loaded it */
	public @Nullable EmbeddingModel ifLoaded() {
		return beanFactory.containsSingleton(ModelConfiguration.BEAN_NAME)
				? beanFactory.getBean(ModelConfiguration.BEAN_NAME, EmbeddingModel.class) : null;
	}

}
