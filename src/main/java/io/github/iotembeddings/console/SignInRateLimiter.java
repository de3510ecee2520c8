package io.github.iotembeddings.console;

import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 429 to a client address that tries to sign in more than a few times a minute, and to everyone
 * past a few dozen attempts a minute in all, so the admin token cannot be guessed at the server's speed:
 * the address can be forged (from a trusted proxy's network, X-Forwarded-For names it), the total cannot.
 * Counts attempts, not failures: a failure is known only after the comparison, and an operator signs in
 * once. Tokens shorter than 16 characters are refused at start, so this only slows what is hopeless anyway.
 */
class SignInRateLimiter extends OncePerRequestFilter {

	static final int ATTEMPTS_PER_MINUTE = 10;

	/** All addresses together. */
	static final int TOTAL_ATTEMPTS_PER_MINUTE = 60;

	private static final String EVERYONE = "";

	private static final long WINDOW_MILLIS = 60_000;

	/**
	 * Past this many addresses the table is cleared rather than grown, so a flood cannot exhaust memory; it
	 * resets the per-address counts, not the total.
	 */
	private static final int MAX_ADDRESSES = 10_000;

	private final int limit;

	private final Clock clock;

	private final Map<String, Window> windows = new ConcurrentHashMap<>();

	SignInRateLimiter(int limit) {
		this(limit, Clock.systemUTC());
	}

	SignInRateLimiter(int limit, Clock clock) {
		this.limit = limit;
		this.clock = clock;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath()));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!allow(request.getRemoteAddr())) {
			response.setHeader("Retry-After", "60");
			response.sendError(429, "Too many sign-in attempts from this address: wait a minute");
			return;
		}
		chain.doFilter(request, response);
	}

	/** @return whether this address may try once more now */
	boolean allow(String address) {
		long now = clock.millis();
		if (windows.size() > MAX_ADDRESSES) {
			Window total = windows.get(EVERYONE);
			windows.clear();
			if (total != null) {
				windows.put(EVERYONE, total);
			}
		}
		boolean withinTotal = count(EVERYONE, now) <= limit * (TOTAL_ATTEMPTS_PER_MINUTE / ATTEMPTS_PER_MINUTE);
		return count(address, now) <= limit && withinTotal;
	}

	private int count(String key, long now) {
		return windows.compute(key, (ignored, current) -> (current == null || now - current.start >= WINDOW_MILLIS)
				? new Window(now, 1) : new Window(current.start, current.attempts + 1)).attempts;
	}

	private record Window(long start, int attempts) {
	}

}
