package io.github.iotembeddings.model;

import java.util.Locale;

/**
 * How a model's token vectors become one sentence vector, followed by L2 normalisation, as
 * sentence-transformers' {@code Pooling} and {@code Normalize} modules compute it. The model's card (or its
 * {@code 1_Pooling/config.json}) says which one it was trained with; the wrong one gives vectors that look
 * fine and rank badly.
 */
public enum Pooling {

	/**
	 * The mean of the token vectors where the attention mask is 1: all-MiniLM-L6-v2, gte-small (Supabase's
	 * {@code mean_pool: true}), e5.
	 */
	MEAN {
		@Override
		void pool(float[] tokenVectors, long[] mask, int b, int tokens, int dimension, double[] into) {
			long counted = 0;
			for (int t = 0; t < tokens; t++) {
				if (mask[b * tokens + t] == 0) {
					continue;
				}
				counted++;
				int offset = (b * tokens + t) * dimension;
				for (int d = 0; d < dimension; d++) {
					into[d] += tokenVectors[offset + d];
				}
			}
			for (int d = 0; d < dimension; d++) {
				into[d] /= Math.max(counted, 1);
			}
		}
	},

	/**
	 * The first token's vector ({@code [CLS]}): bge. Padding is always at the end, so the first token is
	 * real.
	 */
	CLS {
		@Override
		void pool(float[] tokenVectors, long[] mask, int b, int tokens, int dimension, double[] into) {
			int offset = b * tokens * dimension;
			for (int d = 0; d < dimension; d++) {
				into[d] = tokenVectors[offset + d];
			}
		}
	};

	/**
	 * Pools each text's token vectors, then scales to unit length.
	 * @param tokenVectors row-major (batch, tokens, dimension)
	 * @param mask row-major (batch, tokens), 1 for real tokens and 0 for padding
	 * @return one unit vector per text (all zeros stays all zeros)
	 */
	public float[][] poolAndNormalize(float[] tokenVectors, long[] mask, int batch, int tokens, int dimension) {
		float[][] vectors = new float[batch][dimension];
		for (int b = 0; b < batch; b++) {
			double[] pooled = new double[dimension];
			pool(tokenVectors, mask, b, tokens, dimension, pooled);
			double norm = 0;
			for (int d = 0; d < dimension; d++) {
				norm += pooled[d] * pooled[d];
			}
			double scale = 1.0 / Math.max(Math.sqrt(norm), 1e-12);
			for (int d = 0; d < dimension; d++) {
				vectors[b][d] = (float) (pooled[d] * scale);
			}
		}
		return vectors;
	}

	abstract void pool(float[] tokenVectors, long[] mask, int b, int tokens, int dimension, double[] into);

	/** @return the setting's value: {@code mean} or {@code cls} */
	@Override
	public String toString() {
		return name().toLowerCase(Locale.ROOT);
	}

}
