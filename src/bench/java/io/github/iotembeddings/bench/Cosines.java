package io.github.iotembeddings.bench;

/**
 * How close two embedders' vectors for the same texts are.
 *
 * @param mean mean cosine similarity over the texts
 * @param min the lowest
 */
public record Cosines(double mean, double min) {

	/** @param a unit vectors @param b unit vectors for the same texts, same order */
	public static Cosines between(float[][] a, float[][] b) {
		if (a.length != b.length || a.length == 0) {
			throw new IllegalArgumentException("cannot compare " + a.length + " vectors with " + b.length);
		}
		double sum = 0;
		double min = Double.MAX_VALUE;
		for (int i = 0; i < a.length; i++) {
			double cosine = cosine(a[i], b[i]);
			sum += cosine;
			min = Math.min(min, cosine);
		}
		return new Cosines(sum / a.length, min);
	}

	static double cosine(float[] a, float[] b) {
		double dot = 0;
		double normA = 0;
		double normB = 0;
		for (int d = 0; d < a.length; d++) {
			dot += (double) a[d] * b[d];
			normA += (double) a[d] * a[d];
			normB += (double) b[d] * b[d];
		}
		return dot / Math.sqrt(normA * normB);
	}

}
