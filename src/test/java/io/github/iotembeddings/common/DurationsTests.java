package io.github.iotembeddings.common;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DurationsTests {

	@Test
	void eachRangeHasItsUnit() {
		assertThat(Durations.human(Duration.ofSeconds(119))).isEqualTo("119 s");
		assertThat(Durations.human(Duration.ofSeconds(-90))).isEqualTo("90 s");
		assertThat(Durations.human(Duration.ofMinutes(119))).isEqualTo("119 min");
		assertThat(Durations.human(Duration.ofMinutes(185))).isEqualTo("3 h 5 min");
		assertThat(Durations.human(Duration.ofHours(49))).isEqualTo("2 d");
	}

}
