package io.github.iotembeddings.model;

/**
 * What the tool does around the model itself, read from the model's directory or configured (see
 * {@link ModelSettingsResolver}): how token vectors are pooled, and the instructions some models expect
 * in front of queries and passages (e5: {@code query: } / {@code passage: }).
 *
 * @param pooling how token vectors become the sentence vector
 * @param queryPrefix put before each search query; {@code ""} for none
 * @param passagePrefix put before each event text the job embeds; {@code ""} for none
 */
public record ModelSettings(Pooling pooling, String queryPrefix, String passagePrefix) {

	/** What a plain sentence-transformers model needs, and all the tool did before these settings existed. */
	public static final ModelSettings DEFAULTS = new ModelSettings(Pooling.MEAN, "", "");

	/**
	 * @return what the model id adds to {@code name@maxLength}: nothing for the defaults, so existing
	 * rows keep their id; the pooling and the passage prefix otherwise, since both change every stored
	 * vector. The query prefix changes no stored vector, so it is not part of it.
	 */
	String idSuffix() {
		StringBuilder suffix = new StringBuilder();
		if (pooling != DEFAULTS.pooling) {
			suffix.append('+').append(pooling);
		}
		if (!passagePrefix.isEmpty()) {
			suffix.append("+passage=\"").append(passagePrefix).append('"');
		}
		return suffix.toString();
	}

}
