package io.github.iotembeddings.validate;

import java.util.List;

import io.github.iotembeddings.validate.Recall.Hit;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RecallTests {

	@Test
	void recallIsTheMeanShareOfTheTrueNeighboursFound() {
		List<List<Hit>> exact = List.of(hits(1, 0.1, 2, 0.2, 3, 0.3, 4, 0.4), hits(5, 0.1, 6, 0.2, 7, 0.3, 8, 0.4));
		List<List<Hit>> approximate = List.of(hits(1, 0.1, 2, 0.2, 9, 0.5, 4, 0.4), hits(5, 0.1, 6, 0.2, 7, 0.3, 8, 0.4));

		assertThat(Recall.atK(exact, approximate)).isCloseTo((0.75 + 1.0) / 2, within(1e-12));
	}

	@Test
	void anEquallyNearRowCountsAsFound() {
		// rows 2 and 3 share a vector; the exact search happened to return 2, the index 3
		List<List<Hit>> exact = List.of(hits(1, 0.1, 2, 0.3));
		List<List<Hit>> approximate = List.of(hits(1, 0.1, 3, 0.3));

		assertThat(Recall.atK(exact, approximate)).isEqualTo(1.0);
	}

	@Test
	void missingResultsAndDuplicatesDoNotCountTwice() {
		assertThat(Recall.atK(List.of(hits(1, 0.1, 2, 0.2)), List.of(hits(1, 0.1, 1, 0.1)))).isCloseTo(0.5, within(1e-12));
		assertThat(Recall.atK(List.of(hits(1, 0.1, 2, 0.2)), List.of(List.of()))).isZero();
		assertThat(Recall.atK(List.of(), List.of())).isEqualTo(1.0);
	}

	@Test
	void probesAreTriedInPowersOfTwoUpToLists() {
		assertThat(IndexRecall.candidateProbes(100)).containsExactly(1, 2, 4, 8, 16, 32, 64, 100);
		assertThat(IndexRecall.candidateProbes(4)).containsExactly(1, 2, 4);
		assertThat(IndexRecall.candidateProbes(1)).containsExactly(1);
		assertThat(IndexRecall.candidateProbes(0)).isEmpty();
	}

	private static List<Hit> hits(Object... idsAndDistances) {
		List<Hit> hits = new java.util.ArrayList<>();
		for (int i = 0; i < idsAndDistances.length; i += 2) {
			hits.add(new Hit(((Number) idsAndDistances[i]).longValue(), ((Number) idsAndDistances[i + 1]).doubleValue()));
		}
		return hits;
	}

}
