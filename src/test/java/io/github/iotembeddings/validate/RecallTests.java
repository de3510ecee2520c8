package io.github.iotembeddings.validate;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RecallTests {

	@Test
	void recallIsTheMeanShareOfTheTrueNeighboursFound() {
		List<List<Long>> exact = List.of(List.of(1L, 2L, 3L, 4L), List.of(5L, 6L, 7L, 8L));
		List<List<Long>> approximate = List.of(List.of(1L, 2L, 9L, 4L), List.of(5L, 6L, 7L, 8L));

		assertThat(Recall.atK(exact, approximate)).isCloseTo((0.75 + 1.0) / 2, within(1e-12));
	}

	@Test
	void missingResultsAndDuplicatesDoNotCountTwice() {
		assertThat(Recall.atK(List.of(List.of(1L, 2L)), List.of(List.of(1L, 1L)))).isCloseTo(0.5, within(1e-12));
		assertThat(Recall.atK(List.of(List.of(1L, 2L)), List.of(List.of()))).isZero();
		assertThat(Recall.atK(List.of(), List.of())).isEqualTo(1.0);
	}

	@Test
	void probesAreTriedInPowersOfTwoUpToLists() {
		assertThat(IndexRecall.candidateProbes(100)).containsExactly(1, 2, 4, 8, 16, 32, 64, 100);
		assertThat(IndexRecall.candidateProbes(4)).containsExactly(1, 2, 4);
		assertThat(IndexRecall.candidateProbes(1)).containsExactly(1);
		assertThat(IndexRecall.candidateProbes(0)).isEmpty();
	}

}
