package io.github.iotembeddings.web;

import io.github.iotembeddings.config.HttpProperties;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.Ordered;

/**
 * The bulkhead between requests and the job, in one place: every request but the probes on the
 * requests' pool, and two limits of requests served at once, the query API's and the console's (with the
 * admin API), so that neither kind can take all of the other's connections either.
 */
@Configuration(proxyBeanMethods = false)
@Profile("web")
class RequestBulkheadConfiguration {

	/**
	 * After Spring Security's filters (order -100) and the query API's token and size checks: a request
	 * that is refused for who it is, or for its size, never takes a place.
	 */
	private static final int LIMITS_ORDER = 0;

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
