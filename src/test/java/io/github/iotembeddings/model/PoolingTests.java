package io.github.iotembeddings.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PoolingTests {

	@Test
	void clsTakesEachTextsFirstTokenThenNormalises() {
		// given two texts of 2 token slots, 2-D vectors; the second text's last slot is padding
		float[] tokens = { 3, 4, 100, 100, /* text 2 */ 0, -2, 50, 50 };
		long[] mask = { 1, 1, 1, 0 };

		// when
		float[][] vectors = Pooling.CLS.poolAndNormalize(tokens, mask, 2, 2, 2);

		// then
		assertThat(vectors[0]).containsExactly(0.6f, 0.8f);
		assertThat(vectors[1]).containsExactly(0f, -1f);
	}

}
