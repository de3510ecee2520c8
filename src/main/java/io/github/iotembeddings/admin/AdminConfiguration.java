package io.github.iotembeddings.admin;

import io.github.iotembeddings.config.AdminProperties;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/** The admin API exists only in {@code schedule}, the one long-running command. */
@Configuration(proxyBeanMethods = false)
@Profile("schedule")
class AdminConfiguration {

	@Bean
	FilterRegistrationBean<BearerTokenFilter> adminTokenFilter(AdminProperties properties) {
		FilterRegistrationBean<BearerTokenFilter> registration = new FilterRegistrationBean<>(new BearerTokenFilter(properties.token()));
		registration.addUrlPatterns("/admin/*");
		return registration;
	}

}
