package io.github.iotembeddings.bench;

/**
 * One embedder's pass over the benchmark texts.
 *
 * @param embedder what ran, e.g. "this tool, chunk 64"
 * @param texts texts embedded
 * @param tokens real tokens in them (after truncation at the model's limit)
 * @param paddedTokens tokens the model computed, padding included; 0 when the embedder does not say
 * @param seconds wall time, first warm-up call excluded
 * @param vectors the vectors, in text order
 */
public record EmbedderRun(String embedder, int texts, long tokens, long paddedTokens, double seconds,
		float[][] vectors) {

	public double textsPerSecond() {
		return texts / seconds;
	}

	public double tokensPerSecond() {
		return tokens / seconds;
	}

}
