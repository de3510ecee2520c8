package io.github.iotembeddings.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MeanPoolingTests {

	@Test
	void averagesOnlyMaskedTokensThenNormalises() {
		// given two texts of 3 token slots, 2-D vectors; the second text has one padding slot
		float[] tokens = { 1, 0, 3, 0, 100, 100, /* text 2 */ 0, 2, 0, 4, 50, -50 };
		long[] mask = { 1, 1, 1, 1, 1, 0 };

		// when
		float[][] vectors = Pooling.MEAN.poolAndNormalize(tokens, mask, 2, 3, 2);

		// then text 1 is the mean of all three, text 2 ignores its padding: (0, 3) -> (0, 1)
		double x = (1 + 3 + 100) / 3.0;
		double y = 100 / 3.0;
		double norm = Math.hypot(x, y);
		assertThat(vectors[0][0]).isCloseTo((float) (x / norm), within(1e-6f));
		assertThat(vectors[0][1]).isCloseTo((float) (y / norm), within(1e-6f));
		assertThat(vectors[1]).containsExactly(0f, 1f);
	}

	@Test
	void allZeroVectorStaysFiniteInsteadOfDividingByZero() {
		float[][] vectors = Pooling.MEAN.poolAndNormalize(new float[] { 0, 0 }, new long[] { 1 }, 1, 1, 2);
		assertThat(vectors[0]).containsExactly(0f, 0f);
	}

}
