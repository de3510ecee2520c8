package io.github.iotembeddings.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;

import static org.assertj.core.api.Assertions.assertThat;

class SignInRateLimiterTests {

	private final AtomicLong now = new AtomicLong(1_000_000);

	private final Clock clock = new Clock() {

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return Instant.ofEpochMilli(now.get());
		}

	};

	private final SignInRateLimiter limiter = new SignInRateLimiter(clock, SignInRateLimiter.MAX_ADDRESSES);

	@Test
	void refusesOnlyTheAddressThatFailedAndLongerWithEachFurtherFailure() {
		// given an address that gave the wrong token as often as is let pass
		for (int i = 1; i < SignInRateLimiter.FREE_FAILURES; i++) {
			limiter.failed("10.0.0.1");
			assertThat(limiter.retryAfter("10.0.0.1")).as("after %d failures", i).isZero();
		}
		limiter.failed("10.0.0.1");

		// then it waits a minute, and no other address waits at all
		assertThat(limiter.retryAfter("10.0.0.1")).isEqualTo(Duration.ofMinutes(1));
		assertThat(limiter.retryAfter("10.0.0.2")).isZero();

		// and each wrong token after a wait doubles the next wait, up to the longest
		for (Duration expected : new Duration[] { Duration.ofMinutes(2), Duration.ofMinutes(4), Duration.ofMinutes(8),
				Duration.ofMinutes(15), Duration.ofMinutes(15) }) {
			now.addAndGet(limiter.retryAfter("10.0.0.1").toMillis());
			assertThat(limiter.retryAfter("10.0.0.1")).isZero();
			limiter.failed("10.0.0.1");
			assertThat(limiter.retryAfter("10.0.0.1")).isEqualTo(expected);
		}

		// and part of the way through a wait, the rest is what it says
		now.addAndGet(Duration.ofMinutes(10).toMillis());
		assertThat(limiter.retryAfter("10.0.0.1")).isEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void aCorrectTokenClearsTheAddress() {
		// given an address one failure short of waiting
		for (int i = 1; i < SignInRateLimiter.FREE_FAILURES; i++) {
			limiter.failed("10.0.0.1");
		}

		// when it signs in
		limiter.succeeded("10.0.0.1");

		// then it starts again from nothing
		for (int i = 1; i < SignInRateLimiter.FREE_FAILURES; i++) {
			limiter.failed("10.0.0.1");
		}
		assertThat(limiter.retryAfter("10.0.0.1")).isZero();
		assertThat(limiter.addresses()).isEqualTo(1);
	}

	@Test
	void failuresAreForgottenAnHourAfterTheLastOne() {
		// given an address that is waiting, and one that failed once half an hour later
		for (int i = 0; i < SignInRateLimiter.FREE_FAILURES; i++) {
			limiter.failed("10.0.0.1");
		}
		now.addAndGet(Duration.ofMinutes(30).toMillis());
		limiter.failed("10.0.0.2");

		// when an hour has passed since the first one's last failure
		now.addAndGet(Duration.ofMinutes(30).toMillis());

		// then it is forgotten: four more wrong tokens do not make it wait
		assertThat(limiter.addresses()).isEqualTo(1);
		for (int i = 1; i < SignInRateLimiter.FREE_FAILURES; i++) {
			limiter.failed("10.0.0.1");
		}
		assertThat(limiter.retryAfter("10.0.0.1")).isZero();
	}

	@Test
	void theTableHoldsABoundedNumberOfAddressesDroppingTheOldestFailure() {
		// given a table of three addresses
		SignInRateLimiter small = new SignInRateLimiter(clock, 3);
		for (int i = 0; i < SignInRateLimiter.FREE_FAILURES; i++) {
			small.failed("10.0.0.1");
		}
		now.incrementAndGet();
		small.failed("10.0.0.2");

		// when a flood of other addresses fails
		for (int i = 0; i < 1_000; i++) {
			now.incrementAndGet();
			small.failed("10.1." + (i / 256) + "." + (i % 256));
		}

		// then the table stays at three, the latest
		assertThat(small.addresses()).isEqualTo(3);
		assertThat(small.retryAfter("10.0.0.1")).isZero();
	}

	@Test
	void theFilterAnswers429WithRetryAfterAndTheHandlersCountWithoutASession() throws Exception {
		// given wrong tokens from one address, through the failure handler
		AtomicInteger signedIn = new AtomicInteger();
		var failure = limiter.failureHandler("/login?error");
		var success = limiter.successHandler((request, response, authentication) -> signedIn.incrementAndGet());
		for (int i = 0; i < SignInRateLimiter.FREE_FAILURES; i++) {
			MockHttpServletRequest request = signIn("10.0.0.1");
			MockHttpServletResponse response = new MockHttpServletResponse();
			failure.onAuthenticationFailure(request, response, new BadCredentialsException("wrong admin token"));
			assertThat(response.getRedirectedUrl()).isEqualTo("/login?error");
			assertThat(request.getSession(false)).as("a wrong token makes no session").isNull();
		}

		// when that address tries again, then it is refused before its token is looked at
		MockHttpServletResponse refused = new MockHttpServletResponse();
		MockFilterChain refusedChain = new MockFilterChain();
		limiter.filter().doFilter(signIn("10.0.0.1"), refused, refusedChain);
		assertThat(refused.getStatus()).isEqualTo(429);
		assertThat(refused.getHeader("Retry-After")).isEqualTo("60");
		assertThat(refusedChain.getRequest()).isNull();

		// and another address goes through, and its success clears it
		MockFilterChain passed = new MockFilterChain();
		limiter.filter().doFilter(signIn("10.0.0.2"), new MockHttpServletResponse(), passed);
		assertThat(passed.getRequest()).isNotNull();
		limiter.failed("10.0.0.2");
		success.onAuthenticationSuccess(signIn("10.0.0.2"), new MockHttpServletResponse(),
				UsernamePasswordAuthenticationToken.authenticated("operator", null, List.of()));
		assertThat(signedIn).hasValue(1);
		assertThat(limiter.addresses()).isEqualTo(1);
	}

	private static MockHttpServletRequest signIn(String address) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/login");
		request.setServletPath("/login");
		request.setRemoteAddr(address);
		return request;
	}

}
