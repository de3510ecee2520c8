package io.github.iotembeddings.web;

import java.io.IOException;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * While a pass of this process embeds, gives the query API at most a share of the time: the requests it
 * serves meanwhile, summed, may last {@code embeddings.http.share-during-runs} of the wall clock, and the
 * next one past that is answered 429 with {@code Retry-After}. The concurrency limit alone bounds how many
 * requests run at once, not how much of the processors they take: on 2 cores one search at a time, each
 * embedding its query and searching in PostgreSQL, halved a backfill's throughput. A request that starts
 * with no pass in progress is neither checked nor counted.
 */
class RunTimeShareFilter extends OncePerRequestFilter {

	private final TimeShare share;

	private final BooleanSupplier passInProgress;

	private final LongSupplier clock;

	private final String refusal;

	private final Refusals refusals;

	/**
	 * @param share the budget
	 * @param passInProgress whether a pass of this process is in progress now
	 * @param clock nanoseconds, as {@link System#nanoTime()}
	 * @param shareSetting the setting and its value, for the refusal
	 */
	RunTimeShareFilter(TimeShare share, BooleanSupplier passInProgress, LongSupplier clock, String shareSetting,
			Refusals refusals) {
		this.share = share;
		this.passInProgress = passInProgress;
		this.clock = clock;
		this.refusal = "the service is busy: a run is embedding, and the query API has had its share of the time"
				+ " meanwhile (" + shareSetting + "); " + refusals.tryAgain();
		this.refusals = refusals;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !Paths.isQueryApi(Paths.of(request));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!passInProgress.getAsBoolean()) {
			chain.doFilter(request, response);
			return;
		}
		long started = clock.getAsLong();
		if (!share.admits(started)) {
			refusals.answer(request, response, 429, refusal);
			return;
		}
		try {
			chain.doFilter(request, response);
		}
		finally {
			long ended = clock.getAsLong();
			share.spend(ended, ended - started);
		}
	}

}
