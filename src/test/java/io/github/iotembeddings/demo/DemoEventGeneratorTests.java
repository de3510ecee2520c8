package io.github.iotembeddings.demo;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DemoEventGeneratorTests {

	private final OffsetDateTime now = OffsetDateTime.of(2026, 11, 23, 12, 0, 0, 0, ZoneOffset.UTC);

	@Test
	void eventsAreOrderedInsideTheWindowAndVaried() {
		List<DemoEvent> events = new DemoEventGenerator(new SplittableRandom(7), now).generate(2_000, Duration.ofDays(7));

		assertThat(events).hasSize(2_000);
		assertThat(events).isSortedAccordingTo((a, b) -> a.createdAt().compareTo(b.createdAt()));
		assertThat(events.get(0).createdAt()).isAfterOrEqualTo(now.minusDays(7));
		assertThat(events.get(events.size() - 1).createdAt()).isBefore(now);
		assertThat(events.stream().map(DemoEvent::eventType).distinct().count()).isGreaterThanOrEqualTo(10);
		assertThat(events).allMatch(e -> e.payloadJson().startsWith("{") && e.payloadJson().endsWith("}"));
		assertThat(events.stream().filter(e -> e.payloadJson().length() > 300).count()).as("some long texts")
			.isBetween(20L, 400L);
	}

	@Test
	void sameSeedSameEvents() {
		assertThat(new DemoEventGenerator(new SplittableRandom(1), now).generate(50, Duration.ofHours(1)))
			.isEqualTo(new DemoEventGenerator(new SplittableRandom(1), now).generate(50, Duration.ofHours(1)));
	}

}
