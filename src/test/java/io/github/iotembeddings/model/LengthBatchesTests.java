package io.github.iotembeddings.model;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LengthBatchesTests {

	@Test
	void everyTextIsInExactlyOneCallAndCallsRunShortestFirst() {
		int[] tokens = { 30, 250, 12, 41, 12, 180, 33, 9, 256, 27 };

		List<int[]> calls = LengthBatches.plan(tokens, 32, 4096);

		int[] positions = calls.stream().flatMapToInt(Arrays::stream).sorted().toArray();
		assertThat(positions).containsExactly(IntStream.range(0, tokens.length).toArray());
		int previousLongest = 0;
		for (int[] call : calls) {
			int shortest = Arrays.stream(call).map(i -> tokens[i]).min().orElseThrow();
			assertThat(shortest).isGreaterThanOrEqualTo(previousLongest);
			previousLongest = Arrays.stream(call).map(i -> tokens[i]).max().orElseThrow();
		}
	}

	@Test
	void aFewLongTextsDoNotPadTheManyShortOnes() {
		// given 60 short texts and 4 long ones, the demo events' shape
		int[] tokens = IntStream.range(0, 64).map(i -> (i % 16 == 0) ? 240 : 20 + i % 7).toArray();

		List<int[]> calls = LengthBatches.plan(tokens, 64, Integer.MAX_VALUE);

		// then the long texts get their own call and the short ones are computed at their own length
		long computed = calls.stream()
			.mapToLong(call -> (long) call.length * Arrays.stream(call).map(i -> tokens[i]).max().orElseThrow())
			.sum();
		long real = Arrays.stream(tokens).sum();
		assertThat(computed).isLessThan(real * 12 / 10);
		assertThat(calls).anySatisfy(call -> assertThat(Arrays.stream(call).map(i -> tokens[i])).containsOnly(240));
	}

	@Test
	void equalLengthsStayInOneCallWhenTheLimitsAllow() {
		int[] tokens = new int[20];
		Arrays.fill(tokens, 16);

		assertThat(LengthBatches.plan(tokens, 32, 4096)).hasSize(1);
	}

	@Test
	void limitsOnTextsAndTokensPerCallHold() {
		int[] tokens = IntStream.range(0, 100).map(i -> 10 + i * 2).toArray();

		List<int[]> calls = LengthBatches.plan(tokens, 8, 600);

		for (int[] call : calls) {
			int longest = Arrays.stream(call).map(i -> tokens[i]).max().orElseThrow();
			assertThat(call.length).isLessThanOrEqualTo(8);
			assertThat(call.length == 1 || call.length * longest <= 600).as("call %s", Arrays.toString(call)).isTrue();
		}
	}

	@Test
	void aTextLongerThanTheTokenLimitStillGetsACall() {
		List<int[]> calls = LengthBatches.plan(new int[] { 512, 5 }, 32, 100);

		assertThat(calls).hasSize(2);
	}

	@Test
	void noTextsNoCalls() {
		assertThat(LengthBatches.plan(new int[0], 32, 4096)).isEmpty();
	}

}
