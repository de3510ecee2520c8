package io.github.iotembeddings.web;

import java.io.IOException;
import java.util.concurrent.Semaphore;
import java.util.function.Predicate;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Serves at most a fixed number of requests of one kind at once and answers the next one 429 at once,
 * with {@code Retry-After}. A request over the limit is not queued: it would hold a server thread only to
 * join the same queue for the model and the pool, while its client could as well try again later.
 */
class ConcurrencyLimitFilter extends OncePerRequestFilter {

	private final Semaphore permits;

	private final String refusal;

	private final Predicate<String> limited;

	private final Refusals refusals;

	/**
	 * @param kind which requests, for the refusal ("the query API")
	 * @param limit how many are served at once
	 * @param setting the property that sets the limit, for the refusal
	 * @param limited which paths count
	 */
	ConcurrencyLimitFilter(String kind, int limit, String setting, Predicate<String> limited, Refusals refusals) {
		this.permits = new Semaphore(limit);
		this.refusal = "the service is busy: " + kind + " is serving " + limit + " request" + (limit == 1 ? "" : "s")
				+ " at once, its limit (" + setting + "); " + refusals.tryAgain();
		this.limited = limited;
		this.refusals = refusals;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !limited.test(Paths.of(request));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!permits.tryAcquire()) {
			refusals.answer(request, response, 429, refusal);
			return;
		}
		try {
			chain.doFilter(request, response);
		}
		finally {
			permits.release();
		}
	}

}
