package io.github.iotembeddings.console;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Wrong admin tokens, counted per client address (the one a trusted proxy names). After {@value #FREE_FAILURES}
 * in a row an address is refused sign-in (429 with Retry-After) for {@link #FIRST_WAIT}, doubling with each
 * further wrong token up to {@link #LONGEST_WAIT}; a correct token clears it, {@link #FORGET_AFTER} without a wrong
 * one forgets it, and at most {@value #MAX_ADDRESSES} addresses are kept. Only the failing address waits
 * (docs/DECISIONS.md, "Sign-in attempts").
 */
final class SignInRateLimiter {

	static final int FREE_FAILURES = 5;

	static final Duration FIRST_WAIT = Duration.ofMinutes(1);

	static final Duration LONGEST_WAIT = Duration.ofMinutes(15);

	static final Duration FORGET_AFTER = Duration.ofHours(1);

	static final int MAX_ADDRESSES = 10_000;

	private final Clock clock;

	private final int maxAddresses;

	/** In the order of each address's last failure, oldest first. */
	private final LinkedHashMap<String, Failures> failures = new LinkedHashMap<>();

	SignInRateLimiter() {
		this(Clock.systemUTC(), MAX_ADDRESSES);
	}

	SignInRateLimiter(Clock clock, int maxAddresses) {
		this.clock = clock;
		this.maxAddresses = maxAddresses;
	}

	/** @return how long the address must wait before it may present a token again; zero when it may now */
	synchronized Duration retryAfter(String address) {
		long now = clock.millis();
		forgetOld(now);
		Failures recorded = failures.get(address);
		return (recorded != null) ? Duration.ofMillis(Math.max(0, recorded.blockedUntil() - now)) : Duration.ZERO;
	}

	/** The address presented a wrong token. */
	synchronized void failed(String address) {
		long now = clock.millis();
		forgetOld(now);
		Failures recorded = failures.remove(address);
		int count = (recorded != null) ? recorded.count() + 1 : 1;
		long blockedUntil = (count >= FREE_FAILURES) ? now + waitAfter(count).toMillis() : now;
		failures.put(address, new Failures(count, now, blockedUntil));
		if (failures.size() > maxAddresses) {
			Iterator<String> oldest = failures.keySet().iterator();
			oldest.next();
			oldest.remove();
		}
	}

	/** The address presented the right token. */
	synchronized void succeeded(String address) {
		failures.remove(address);
	}

	synchronized int addresses() {
		forgetOld(clock.millis());
		return failures.size();
	}

	/** Answers 429 to a sign-in from an address that must wait, before its token is looked at. */
	OncePerRequestFilter filter() {
		return new OncePerRequestFilter() {

			@Override
			protected boolean shouldNotFilter(HttpServletRequest request) {
				return !("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath()));
			}

			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				Duration wait = retryAfter(request.getRemoteAddr());
				if (wait.isZero()) {
					chain.doFilter(request, response);
					return;
				}
				long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
				response.setHeader("Retry-After", String.valueOf(seconds));
				response.sendError(429, "Too many wrong tokens from this address: try again in " + seconds + " s");
			}

		};
	}

	/**
	 * Counts the failure, then sends to {@code failureUrl}, without putting the failure in a session (the default
	 * handler would create one for every wrong token).
	 */
	AuthenticationFailureHandler failureHandler(String failureUrl) {
		SimpleUrlAuthenticationFailureHandler page = new SimpleUrlAuthenticationFailureHandler(failureUrl);
		page.setAllowSessionCreation(false);
		return (request, response, exception) -> {
			failed(request.getRemoteAddr());
			page.onAuthenticationFailure(request, response, exception);
		};
	}

	/** Clears the address, then lets {@code next} answer. */
	AuthenticationSuccessHandler successHandler(AuthenticationSuccessHandler next) {
		return (request, response, authentication) -> {
			succeeded(request.getRemoteAddr());
			next.onAuthenticationSuccess(request, response, authentication);
		};
	}

	private static Duration waitAfter(int count) {
		int doublings = Math.min(count - FREE_FAILURES, 30);
		Duration wait = FIRST_WAIT.multipliedBy(1L << doublings);
		return (wait.compareTo(LONGEST_WAIT) < 0) ? wait : LONGEST_WAIT;
	}

	private void forgetOld(long now) {
		Iterator<Map.Entry<String, Failures>> oldest = failures.entrySet().iterator();
		while (oldest.hasNext()) {
			Failures recorded = oldest.next().getValue();
			if (now - recorded.last() < FORGET_AFTER.toMillis()) {
				return;
			}
			oldest.remove();
		}
	}

	/**
	 * @param count wrong tokens in a row
	 * @param last when the latest came, in epoch milliseconds
	 * @param blockedUntil until when the address must wait, in epoch milliseconds
	 */
	private record Failures(int count, long last, long blockedUntil) {
	}

}
