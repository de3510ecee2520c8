package io.github.iotembeddings.model;

import io.github.iotembeddings.config.ModelProperties;

/**
 * Which model embeds, known without loading it: what {@code event_embeddings.model} records, and so what
 * a sync compares the stored rows with to decide whether there is work. Reading it costs a look at the
 * model directory's small JSON files; loading the model (about half a second, and its memory) waits until
 * there is something to embed.
 *
 * @param name the model's name (its directory's, or the bundled one's)
 * @param maxLength the longest input in tokens
 * @param settings the pooling and prefixes applied around it
 */
public record ModelIdentity(String name, int maxLength, ModelSettings settings) {

	/**
	 * @return the name and the token limit, since both decide the vectors, then the pooling and the passage
	 * prefix when they are not the defaults (mean, none), e.g. {@code e5-small-v2@512+passage="passage: "};
	 * a plain mean-pooled model keeps {@code name@maxLength}
	 */
	public String id() {
		return name + "@" + maxLength + settings.idSuffix();
	}

	/**
	 * @param properties which model
	 * @return its identity, from its files' names and settings, without unpacking or loading anything
	 */
	static ModelIdentity of(ModelProperties properties) {
		ModelLocator.Identified identified = new ModelLocator(properties).identify();
		return new ModelIdentity(identified.name(), identified.maxLength(),
				ModelSettingsResolver.resolve(properties).settings());
	}

}
