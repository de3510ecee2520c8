package io.github.iotembeddings.web;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.iotembeddings.config.HttpProperties;
import io.github.iotembeddings.support.OnThread;
import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class ConcurrencyLimitFilterTests {

	private static final HttpProperties SETTINGS = new HttpProperties(4, Duration.ofSeconds(1), Duration.ofSeconds(5), 4, 4,
			Duration.ofSeconds(2), 1, 0.25);

	private final ConcurrencyLimitFilter filter = new ConcurrencyLimitFilter("the query API", 1,
			"embeddings.http.max-concurrent-searches", Paths::isQueryApi, new Refusals(SETTINGS));

	@Test
	void refusesAtOnceWhileTheLimitIsInUseAndServesAgainAfter() throws Exception {
		// given a search being served, the limit's one place taken
		CountDownLatch serving = new CountDownLatch(1);
		CountDownLatch finish = new CountDownLatch(1);
		FilterChain slow = (request, response) -> {
			serving.countDown();
			await(finish);
		};
		CompletableFuture<MockHttpServletResponse> first = OnThread.start("first", () -> {
			MockHttpServletResponse response = new MockHttpServletResponse();
			filter.doFilter(request("/search"), response, slow);
			return response;
		});
		assertThat(serving.await(10, TimeUnit.SECONDS)).isTrue();

		// when another search comes
		MockHttpServletResponse refused = new MockHttpServletResponse();
		MockFilterChain notReached = new MockFilterChain();
		filter.doFilter(request("/search"), refused, notReached);

		// then it is refused at once, with when to come back, and never reaches the controller
		assertThat(refused.getStatus()).isEqualTo(429);
		assertThat(refused.getHeader("Retry-After")).isEqualTo("2");
		assertThat(refused.getContentAsString()).isEqualTo("{\"error\":\"the service is busy: the query API is serving 1"
				+ " request at once, its limit (embeddings.http.max-concurrent-searches); try again in 2 s\"}");
		assertThat(notReached.getRequest()).isNull();

		// and a probe or a console page is not counted
		MockFilterChain probe = new MockFilterChain();
		filter.doFilter(request("/actuator/health/liveness"), new MockHttpServletResponse(), probe);
		assertThat(probe.getRequest()).isNotNull();

		// and once the first is answered, the next is served
		finish.countDown();
		assertThat(first.get(10, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
		MockFilterChain served = new MockFilterChain();
		filter.doFilter(request("/search"), new MockHttpServletResponse(), served);
		assertThat(served.getRequest()).isNotNull();
	}

	@Test
	void aFailingRequestGivesItsPlaceBack() throws Exception {
		FilterChain failing = (request, response) -> {
			throw new IllegalStateException("boom");
		};
		for (int i = 0; i < 3; i++) {
			try {
				filter.doFilter(request("/embed"), new MockHttpServletResponse(), failing);
			}
			catch (IllegalStateException expected) {
				// the place is given back all the same
			}
		}
		MockFilterChain served = new MockFilterChain();
		filter.doFilter(request("/embed"), new MockHttpServletResponse(), served);
		assertThat(served.getRequest()).isNotNull();
	}

	private static MockHttpServletRequest request(String path) {
		return new MockHttpServletRequest("GET", path);
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
