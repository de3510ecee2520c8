package io.github.iotembeddings.console;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SignInRateLimiterTests {

	private final AtomicLong now = new AtomicLong(1_000_000);

	private final SignInRateLimiter limiter = new SignInRateLimiter(3, new Clock() {

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return Instant.ofEpochMilli(now.get());
		}

	});

	@Test
	void refusesAnAddressPastTheLimitUntilTheMinuteIsOver() {
		// given three attempts from one address within a minute
		for (int i = 0; i < 3; i++) {
			assertThat(limiter.allow("10.0.0.1")).isTrue();
		}

		// then the fourth is refused, another address is not
		assertThat(limiter.allow("10.0.0.1")).isFalse();
		assertThat(limiter.allow("10.0.0.2")).isTrue();

		// and a minute later the address may try again
		now.addAndGet(60_000);
		assertThat(limiter.allow("10.0.0.1")).isTrue();
	}

	@Test
	void refusesEveryonePastTheTotalHoweverManyAddressesTry() {
		// given attempts from ever new addresses, as forged X-Forwarded-For headers would give
		int allowed = 0;
		for (int i = 0; i < 100; i++) {
			if (limiter.allow("10.1.0." + i)) {
				allowed++;
			}
		}

		// then no more than the total got through within the minute
		assertThat(allowed).isEqualTo(3 * SignInRateLimiter.TOTAL_ATTEMPTS_PER_MINUTE / SignInRateLimiter.ATTEMPTS_PER_MINUTE);
	}

}
