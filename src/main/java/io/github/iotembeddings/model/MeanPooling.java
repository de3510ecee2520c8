package io.github.iotembeddings.model;

/**
 * Sentence vectors from token vectors, as sentence-transformers and Supabase's {@code gte-small} session
 * ({@code mean_pool: true, normalize: true}) compute them.
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
		float[][] vectors = new float[batch][dimension];
		for (int b = 0; b < batch; b++) {
			double[] sum = new double[dimension];
			long counted = 0;
			for (int t = 0; t < tokens; t++) {
				if (mask[b * tokens + t] == 0) {
					continue;
				}
				counted++;
				int offset = (b * tokens + t) * dimension;
				for (int d = 0; d < dimension; d++) {
					sum[d] += tokenVectors[offset + d];
				}
			}
			double norm = 0;
			for (int d = 0; d < dimension; d++) {
				sum[d] /= Math.max(counted, 1);
				norm += sum[d] * sum[d];
			}
			double scale = 1.0 / Math.max(Math.sqrt(norm), 1e-12);
			for (int d = 0; d < dimension; d++) {
				vectors[b][d] = (float) (sum[d] * scale);
			}
		}
		return vectors;
	}

}
