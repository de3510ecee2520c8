package io.github.iotembeddings.model;

/**
 * What a model has embedded since it was loaded.
 *
 * @param texts texts embedded
 * @param tokens real tokens fed to the model (after truncation)
 * @param paddedTokens tokens the model computed, padding included; {@code paddedTokens / tokens} is
 * the waste of batching texts of different lengths together
 * @param calls model calls
 * @param nanos time spent embedding, tokenising and pooling included
 */
public record EmbeddingStats(long texts, long tokens, long paddedTokens, long calls, long nanos) {

	/** @return the counts accumulated between {@code earlier} and this snapshot */
	public EmbeddingStats since(EmbeddingStats earlier) {
		return new EmbeddingStats(texts - earlier.texts, tokens - earlier.tokens, paddedTokens - earlier.paddedTokens,
				calls - earlier.calls, nanos - earlier.nanos);
	}

	public double seconds() {
		return nanos / 1e9;
	}

}
