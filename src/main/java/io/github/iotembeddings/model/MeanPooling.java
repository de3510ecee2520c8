package io.github.iotembeddings.model;

/**
 * Mean pooling under the name the benchmark's callers know; the maths is {@link Pooling#MEAN}'s.
 */
public final class MeanPooling {

	private MeanPooling() {
	}

	/**
	 * Averages each text's token vectors where the attention mask is 1, then scales to unit length.
	 * @param tokenVectors row-major (batch, tokens, dimension)
	 * @param mask row-major (batch, tokens), 1 for real tokens and 0 for padding
	 */
	public static float[][] poolAndNormalize(float[] tokenVectors, long[] mask, int batch, int tokens, int dimension) {
		return Pooling.MEAN.poolAndNormalize(tokenVectors, mask, batch, tokens, dimension);
	}

}
