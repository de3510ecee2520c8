package io.github.iotembeddings.api;

import io.github.iotembeddings.config.AdminProperties;
import io.github.iotembeddings.config.InvalidConfigurationException;
import io.github.iotembeddings.config.SearchProperties;
import io.github.iotembeddings.web.BearerTokenAuthentication;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Guards the query API with the search token, and the request size before anything reads a body. The
 * token must differ from the admin token: whoever may search must not thereby restart runs.
 */
@Configuration(proxyBeanMethods = false)
@Profile("web")
class QueryApiConfiguration {

	/** Between Spring Security's filter (-100) and the requests' limits (0). */
	private static final int SIZE_ORDER = -50;

	/** After the management server's chain, before the console's, which takes every other path. */
	@Bean
	@Order(1)
	SecurityFilterChain queryApiFilterChain(HttpSecurity http, SearchProperties search, AdminProperties admin)
			throws Exception {
		if (search.enabled() && admin.enabled() && search.token().equals(admin.token())) {
			throw new InvalidConfigurationException("EMBEDDINGS_SEARCH_TOKEN is the same as EMBEDDINGS_ADMIN_TOKEN:"
					+ " give the read-only query API a token of its own");
		}
		return BearerTokenAuthentication.filterChain(http, "query API", search.token(), SearchController.PATHS);
	}

	/**
	 * After Spring Security's filter (order -100), whose chain checks the token: the token decides first, and
	 * the size only of a request that may be served.
	 */
	@Bean
	FilterRegistrationBean<RequestSizeFilter> searchRequestSizeFilter(SearchProperties search) {
		FilterRegistrationBean<RequestSizeFilter> registration = new FilterRegistrationBean<>(
				new RequestSizeFilter(search.maxRequestBytes()));
		registration.addUrlPatterns(SearchController.PATHS);
		registration.setOrder(SIZE_ORDER);
		return registration;
	}

}
