package io.github.iotembeddings.admin;

import io.github.iotembeddings.config.AdminProperties;
import io.github.iotembeddings.web.BearerTokenAuthentication;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The admin API's paths, guarded by the admin token. The API exists only in {@code schedule}, the one
 * long-running command with a scheduler; in {@code serve} its paths answer 404, as with no token, rather
 * than the console's sign-in.
 */
@Configuration(proxyBeanMethods = false)
@Profile("web")
class AdminConfiguration {

	/** After the management server's chain, before the console's, which takes every other path. */
	@Bean
	@Order(1)
	SecurityFilterChain adminApiFilterChain(HttpSecurity http, AdminProperties admin, Environment environment)
			throws Exception {
		String token = environment.matchesProfiles("schedule") ? admin.token() : null;
		return BearerTokenAuthentication.filterChain(http, "admin API", token, "/admin/**");
	}

}
