package io.github.iotembeddings.api;

import io.github.iotembeddings.admin.BearerTokenFilter;
import io.github.iotembeddings.config.AdminProperties;
import io.github.iotembeddings.config.InvalidConfigurationException;
import io.github.iotembeddings.config.SearchProperties;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.Ordered;

/**
 * Guards the query API with the search token, and the request size before anything reads a body. The
 * token must differ from the admin token: whoever may search must not thereby restart runs.
 */
@Configuration(proxyBeanMethods = false)
@Profile("web")
class QueryApiConfiguration {

	@Bean
	FilterRegistrationBean<BearerTokenFilter> searchTokenFilter(SearchProperties search, AdminProperties admin) {
		if (search.enabled() && admin.enabled() && search.token().equals(admin.token())) {
			throw new InvalidConfigurationException("EMBEDDINGS_SEARCH_TOKEN is the same as EMBEDDINGS_ADMIN_TOKEN:"
					+ " give the read-only query API a token of its own");
		}
		FilterRegistrationBean<BearerTokenFilter> registration = new FilterRegistrationBean<>(
				new BearerTokenFilter(search.token()));
		registration.addUrlPatterns(SearchController.PATHS);
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

	@Bean
	FilterRegistrationBean<RequestSizeFilter> searchRequestSizeFilter(SearchProperties search) {
		FilterRegistrationBean<RequestSizeFilter> registration = new FilterRegistrationBean<>(
				new RequestSizeFilter(search.maxRequestBytes()));
		registration.addUrlPatterns(SearchController.PATHS);
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
		return registration;
	}

}
