package io.github.iotembeddings.web;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.github.iotembeddings.config.HttpProperties;
import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class RunTimeShareFilterTests {

	private static final long MS = 1_000_000;

	private final AtomicLong clock = new AtomicLong(1_000 * MS);

	private final AtomicBoolean running = new AtomicBoolean(true);

	/** A quarter of the time, a second's burst. */
	private final RunTimeShareFilter filter = new RunTimeShareFilter(new TimeShare(0.25, 1_000 * MS, clock.get()),
			running::get, clock::get, "embeddings.http.share-during-runs, 0.25",
			new Refusals(new HttpProperties(4, Duration.ofSeconds(1), Duration.ofSeconds(5), 4, 4, Duration.ofSeconds(1), 1,
					0.25)));

	@Test
	void whileARunEmbedsRequestsGetTheirShareOfTheTimeAndNoMore() throws Exception {
		// given a run in progress, and requests of 300 ms each
		FilterChain takes300ms = (request, response) -> clock.addAndGet(300 * MS);

		// when they come one after another, the burst (earning 75 ms during each) serves five, the fifth
		// overdrawing it, then one is refused
		for (int i = 0; i < 5; i++) {
			assertThat(serve("/search", takes300ms).getStatus()).isEqualTo(200);
		}
		MockHttpServletResponse refused = serve("/search", takes300ms);

		// then the refusal says why and when to come back
		assertThat(refused.getStatus()).isEqualTo(429);
		assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
		assertThat(refused.getContentAsString()).isEqualTo("{\"error\":\"the service is busy: a run is embedding, and the"
				+ " query API has had its share of the time meanwhile (embeddings.http.share-during-runs, 0.25); try again"
				+ " in 1 s\"}");

		// and after a pause that earns back the 125 ms owed and a little more, one is served again, then refused
		clock.addAndGet(1_000 * MS);
		assertThat(serve("/embed", takes300ms).getStatus()).isEqualTo(200);
		assertThat(serve("/embed", takes300ms).getStatus()).isEqualTo(429);

		// and over a long stretch, what is served is a quarter of the time
		long start = clock.get();
		long served = 0;
		for (int i = 0; i < 10_000; i++) {
			long before = clock.get();
			if (serve("/search", takes300ms).getStatus() == 200) {
				served += clock.get() - before;
			}
			else {
				clock.addAndGet(100 * MS);
			}
		}
		assertThat((double) served / (clock.get() - start)).isBetween(0.245, 0.255);
	}

	@Test
	void withNoRunInProgressNothingIsCheckedOrCounted() throws Exception {
		running.set(false);
		FilterChain takes10s = (request, response) -> clock.addAndGet(10_000 * MS);
		for (int i = 0; i < 10; i++) {
			assertThat(serve("/search", takes10s).getStatus()).isEqualTo(200);
		}
		// a run that starts now finds the whole burst
		running.set(true);
		assertThat(serve("/search", (request, response) -> clock.addAndGet(900 * MS)).getStatus()).isEqualTo(200);
		assertThat(serve("/search", takes10s).getStatus()).isEqualTo(200);
		assertThat(serve("/search", takes10s).getStatus()).isEqualTo(429);
	}

	@Test
	void aLongRequestOwesAtMostTheBurst() throws Exception {
		// a request of a minute, during a run
		assertThat(serve("/search", (request, response) -> clock.addAndGet(60_000 * MS)).getStatus()).isEqualTo(200);
		// owes one second, not 59: four seconds at a quarter pays it back
		clock.addAndGet(3_900 * MS);
		assertThat(serve("/search", new MockFilterChain()).getStatus()).isEqualTo(429);
		clock.addAndGet(200 * MS);
		assertThat(serve("/search", new MockFilterChain()).getStatus()).isEqualTo(200);
	}

	@Test
	void consolePagesAreNotCounted() throws Exception {
		FilterChain takes10s = (request, response) -> clock.addAndGet(10_000 * MS);
		for (int i = 0; i < 3; i++) {
			assertThat(serve("/", takes10s).getStatus()).isEqualTo(200);
		}
		assertThat(serve("/search", new MockFilterChain()).getStatus()).isEqualTo(200);
	}

	private MockHttpServletResponse serve(String path, FilterChain chain) throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		filter.doFilter(new MockHttpServletRequest("GET", path), response, chain);
		return response;
	}

}
