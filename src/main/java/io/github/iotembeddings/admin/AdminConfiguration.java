package io.github.iotembeddings.admin;

import io.github.iotembeddings.config.AdminProperties;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.Ordered;

/** The admin API exists only in {@code schedule}, the one long-running command. */
@Configuration(proxyBeanMethods = false)
@Profile("schedule")
class AdminConfiguration {

	@Bean
	FilterRegistrationBean<BearerTokenFilter> adminTokenFilter(AdminProperties properties) {
		FilterRegistrationBean<BearerTokenFilter> registration = new FilterRegistrationBean<>(new BearerTokenFilter(properties.token()));
		registration.addUrlPatterns("/admin/*");
		// Before Spring Security's filters, as the query API's token filter is: the token decides first.
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

}
