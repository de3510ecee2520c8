package io.github.iotembeddings.admin;

import io.github.iotembeddings.config.AdminProperties;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskExecutor;

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

	/** Restarts run for minutes: the API answers at once and the run goes on here. */
	@Bean
	TaskExecutor adminTaskExecutor() {
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("admin-");
		executor.setConcurrencyLimit(1);
		return executor;
	}

}
