package io.github.iotembeddings.console;

import io.github.iotembeddings.config.AdminProperties;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Two filter chains. The bearer-token APIs and the probes keep their own guards (their filters check
 * the tokens) and get no session and no CSRF: their callers are programs. Everything else is the console:
 * form sign-in with the admin token, a session cookie, CSRF on every POST, and a Content-Security-Policy
 * that allows only the jar's own scripts and styles.
 */
@Configuration(proxyBeanMethods = false)
@Profile("web")
class ConsoleSecurityConfiguration {

	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
			+ " img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
			+ " frame-ancestors 'none'";

	/**
	 * Without a session: the sign-in page. A page's background refresh or action gets HX-Redirect instead,
	 * which htmx follows with a full page load; a 302 would swap the sign-in page into part of the old one.
	 */
	private static AuthenticationEntryPoint signIn() {
		LoginUrlAuthenticationEntryPoint page = new LoginUrlAuthenticationEntryPoint("/login");
		return (request, response, ex) -> {
			if ("true".equals(request.getHeader("HX-Request"))) {
				response.setHeader("HX-Redirect", request.getContextPath() + "/login");
				response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
			}
			else {
				page.commence(request, response, ex);
			}
		};
	}

	@Bean
	@Order(1)
	SecurityFilterChain apiFilterChain(HttpSecurity http) throws Exception {
		return http.securityMatcher("/admin/**", "/search", "/embed", "/actuator/**")
			.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
			.csrf(AbstractHttpConfigurer::disable)
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(AbstractHttpConfigurer::disable)
			.build();
	}

	/** Being a bean, it also keeps Boot from configuring a user with a generated password. */
	@Bean
	AdminTokenAuthenticationProvider adminTokenAuthenticationProvider(AdminProperties admin) {
		return new AdminTokenAuthenticationProvider(admin.token());
	}

	@Bean
	@Order(2)
	SecurityFilterChain consoleFilterChain(HttpSecurity http, AdminTokenAuthenticationProvider adminToken) throws Exception {
		return http
			.authorizeHttpRequests(requests -> requests
				.requestMatchers("/login", "/webjars/**", "/console/**", "/favicon.ico", "/error").permitAll()
				.anyRequest().authenticated())
			.formLogin(form -> form.loginPage("/login")
				.usernameParameter("user")
				.passwordParameter("token")
				.defaultSuccessUrl("/", false)
				.failureUrl("/login?error"))
			.logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?signedOut"))
			.csrf(Customizer.withDefaults())
			.exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(signIn()))
			.authenticationProvider(adminToken)
			.addFilterBefore(new SignInRateLimiter(SignInRateLimiter.ATTEMPTS_PER_MINUTE),
					UsernamePasswordAuthenticationFilter.class)
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
			.build();
	}

}
