package io.github.iotembeddings.run;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StatisticsRefreshTests {

	@Test
	void aRunIsLargeWhenItWroteMoreThanTheShareOfTheEstimatedRows() {
		assertThat(StatisticsRefresh.due(101, 1000, 0.1)).isTrue();
		assertThat(StatisticsRefresh.due(100, 1000, 0.1)).isFalse();
		assertThat(StatisticsRefresh.due(1, -1, 0.1)).as("never analysed").isTrue();
		assertThat(StatisticsRefresh.due(0, -1, 0.1)).as("wrote nothing").isFalse();
		assertThat(StatisticsRefresh.due(1, 1_000_000, 0)).as("share 0: after every run that wrote").isTrue();
	}

}
