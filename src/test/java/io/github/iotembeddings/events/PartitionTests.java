package io.github.iotembeddings.events;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PartitionTests {

	@Test
	void parsesIndexOverCount() {
		assertThat(Partition.parse("1/3")).isEqualTo(new Partition(1, 3));
		assertThat(Partition.parse("0/1").isWhole()).isTrue();
		assertThat(new Partition(2, 3)).hasToString("2/3");
	}

	@Test
	void refusesWhatIsNotAPartition() {
		for (String bad : new String[] { "3/3", "-1/3", "1", "a/b", "1/0", "0/5000", "1/3/4", "" }) {
			assertThatIllegalArgumentException().as(bad)
				.isThrownBy(() -> Partition.parse(bad))
				.withMessageContaining("must be I/N");
		}
	}

	@Test
	void theConditionIsTheModuloOfTheIdAndHandlesNegativeIds() {
		assertThat(Partition.WHOLE.condition("e.id")).isEqualTo("true");
		assertThat(new Partition(1, 3).condition("e.id")).isEqualTo("((e.id % 3) + 3) % 3 = 1");
	}

}
