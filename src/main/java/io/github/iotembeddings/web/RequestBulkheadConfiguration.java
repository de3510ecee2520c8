package io.github.iotembeddings.web;

import java.time.Duration;

import io.github.iotembeddings.config.HttpProperties;
import io.github.iotembeddings.run.PassActivity;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.Ordered;

/**
 * The bulkhead between requests and the job, in one place: every request but the probes on the
 * requests' pool, and two limits of requests served at once, the query API's and the console's (with the
 * admin API), so that neither kind can take all of the other's connections either; and, while a run
 * embeds, the query API's share of the time.
 */
@Configuration(proxyBeanMethods = false)
@Profile("web")
class RequestBulkheadConfiguration {

	/**
	 * After Spring Security's filters (order -100) and the query API's token and size checks: a request
	 * that is refused for who it is, or for its size, never takes a place.
	 */
	private static final int LIMITS_ORDER = 0;

	/**
	 * The most request time the query API may save up, or owe, while a run embeds: a person's few searches
	 * are served at once, and one slow request never refuses the others for long.
	 */
	private static final Duration SHARE_BURST = Duration.ofSeconds(1);

	@Bean
	FilterRegistrationBean<RequestPoolFilter> requestPoolFilter() {
		FilterRegistrationBean<RequestPoolFilter> registration = new FilterRegistrationBean<>(new RequestPoolFilter());
		registration.addUrlPatterns("/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	@Bean
	FilterRegistrationBean<ConcurrencyLimitFilter> queryApiLimit(HttpProperties properties, Refusals refusals) {
		FilterRegistrationBean<ConcurrencyLimitFilter> registration = new FilterRegistrationBean<>(
				new ConcurrencyLimitFilter("the query API", properties.maxConcurrentSearches(),
						"embeddings.http.max-concurrent-searches", Paths::isQueryApi, refusals));
		registration.addUrlPatterns(Paths.QUERY_API);
		registration.setOrder(LIMITS_ORDER);
		return registration;
	}

	/** After the query API's limit: a request refused for their number never counts against the share. */
	@Bean
	FilterRegistrationBean<RunTimeShareFilter> queryApiShareDuringRuns(HttpProperties properties, PassActivity activity,
			Refusals refusals) {
		TimeShare share = new TimeShare(properties.shareDuringRuns(), SHARE_BURST.toNanos(), System.nanoTime());
		FilterRegistrationBean<RunTimeShareFilter> registration = new FilterRegistrationBean<>(new RunTimeShareFilter(
				share, activity::anyInProgress, System::nanoTime,
				"embeddings.http.share-during-runs, " + properties.shareDuringRuns(), refusals));
		registration.addUrlPatterns(Paths.QUERY_API);
		registration.setOrder(LIMITS_ORDER + 1);
		return registration;
	}

	@Bean
	FilterRegistrationBean<ConcurrencyLimitFilter> consoleLimit(HttpProperties properties, Refusals refusals) {
		FilterRegistrationBean<ConcurrencyLimitFilter> registration = new FilterRegistrationBean<>(
				new ConcurrencyLimitFilter("the console", properties.maxConcurrentPages(),
						"embeddings.http.max-concurrent-pages",
						path -> !Paths.isQueryApi(path) && !Paths.isUnlimited(path), refusals));
		registration.addUrlPatterns("/*");
		registration.setOrder(LIMITS_ORDER);
		return registration;
	}

}
