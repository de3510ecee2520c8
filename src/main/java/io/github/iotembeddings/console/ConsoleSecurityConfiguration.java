package io.github.iotembeddings.console;

import io.github.iotembeddings.config.AdminProperties;
import io.github.iotembeddings.config.InvalidConfigurationException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.savedrequest.CookieRequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.security.web.util.UrlUtils;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.context.support.WebApplicationContextUtils;

/**
 * Two of the filter chains. Whatever arrives at the management server (its own port: probes, Prometheus) is
 * answered without sign-in, session or CSRF; that port is for the cluster, never routed by the console's Service.
 * The bearer-token APIs have a chain each, of order 1 ({@code admin.AdminConfiguration},
 * {@code api.QueryApiConfiguration}). Everything else is the console: form sign-in with the admin token, a session
 * cookie, CSRF on every POST, and a Content-Security-Policy that allows only the jar's own scripts and styles.
 * <p>
 * Boot registers this application's security filter in the management server too, so its chain must come
 * first there. A visitor who has not signed in gets no session: the CSRF token and the page to return to
 * after sign-in travel in cookies, and a wrong token is not kept in one.
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
			if (isHtmx(request)) {
				response.setHeader("HX-Redirect", request.getContextPath() + "/login");
				response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
			}
			else {
				page.commence(request, response, ex);
			}
		};
	}

	private static boolean isHtmx(HttpServletRequest request) {
		return "true".equals(request.getHeader("HX-Request"));
	}

	/** Requests served by the management server; with the management port equal to the server's there is none. */
	private static RequestMatcher managementServer() {
		return request -> WebServerApplicationContext.hasServerNamespace(
				WebApplicationContextUtils.getWebApplicationContext(request.getServletContext()),
				WebServerNamespace.MANAGEMENT.getValue());
	}

	@Bean
	@Order(0)
	SecurityFilterChain managementFilterChain(HttpSecurity http, Environment environment) throws Exception {
		if (ManagementPortType.get(environment) == ManagementPortType.SAME) {
			throw new InvalidConfigurationException("MANAGEMENT_SERVER_PORT is the server's port: give the probes and"
					+ " metrics a port of their own (default 8081), which the console's Service and Ingress do not route");
		}
		return http.securityMatcher(managementServer())
			.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
			.csrf(AbstractHttpConfigurer::disable)
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(AbstractHttpConfigurer::disable)
			.build();
	}

	@Bean
	SessionLimit sessionLimit() {
		return new SessionLimit(SessionLimit.MAX_SESSIONS);
	}

	/** Being a bean, it also keeps Boot from configuring a user with a generated password. */
	@Bean
	AdminTokenAuthenticationProvider adminTokenAuthenticationProvider(AdminProperties admin) {
		return new AdminTokenAuthenticationProvider(admin.token());
	}

	@Bean
	@Order(2)
	SecurityFilterChain consoleFilterChain(HttpSecurity http, AdminTokenAuthenticationProvider adminToken) throws Exception {
		SignInRateLimiter limiter = new SignInRateLimiter();
		CookieRequestCache requestCache = pageToReturnTo();
		SavedRequestAwareAuthenticationSuccessHandler returnToPage = new SavedRequestAwareAuthenticationSuccessHandler();
		returnToPage.setRequestCache(requestCache);
		return http
			.authorizeHttpRequests(requests -> requests
				.requestMatchers("/login", "/webjars/**", "/console/**", "/favicon.ico", "/error").permitAll()
				.anyRequest().authenticated())
			.formLogin(form -> form.loginPage("/login")
				.usernameParameter("user")
				.passwordParameter("token")
				.successHandler(limiter.successHandler(returnToPage))
				.failureHandler(limiter.failureHandler("/login?error")))
			.logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?signedOut"))
			.csrf(csrf -> csrf.csrfTokenRepository(csrfCookie()).csrfTokenRequestHandler(eagerCsrfToken()))
			.requestCache(cache -> cache.requestCache(requestCache))
			.exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(signIn()))
			.authenticationProvider(adminToken)
			.addFilterBefore(limiter.filter(), UsernamePasswordAuthenticationFilter.class)
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
			.build();
	}

	/**
	 * The CSRF token in a cookie (HttpOnly, SameSite=Strict, Secure over TLS) rather than in a session, so the
	 * sign-in page makes none. The forms carry it as a hidden field, which htmx posts with the form.
	 */
	private static CookieCsrfTokenRepository csrfCookie() {
		CookieCsrfTokenRepository repository = new CookieCsrfTokenRepository();
		repository.setCookieCustomizer(cookie -> cookie.sameSite("Strict"));
		return repository;
	}

	/**
	 * Loads the token at the start of every request, so its cookie is set before a page is written: a token
	 * first asked for by a form late in a long page would come after the response was committed, and its
	 * cookie would be lost. (A null attribute name is Spring Security's documented way to opt out of deferred
	 * tokens; the XOR encoding of the token in the page stays.)
	 */
	private static XorCsrfTokenRequestAttributeHandler eagerCsrfToken() {
		XorCsrfTokenRequestAttributeHandler handler = new XorCsrfTokenRequestAttributeHandler();
		handler.setCsrfRequestAttributeName(null);
		return handler;
	}

	/**
	 * The page a visitor asked for before signing in, kept in a cookie rather than a session; only a page the
	 * browser opened (a GET for HTML), never a background refresh or the charts' data. The cookie is followed
	 * only to this server: unlike a session, a cookie can be set by others (a sibling domain).
	 */
	private static CookieRequestCache pageToReturnTo() {
		CookieRequestCache cache = new CookieRequestCache() {

			@Override
			public @Nullable SavedRequest getRequest(HttpServletRequest request, HttpServletResponse response) {
				SavedRequest saved = super.getRequest(request, response);
				String here = UrlUtils.buildFullRequestUrl(request.getScheme(), request.getServerName(),
						request.getServerPort(), request.getContextPath() + "/", null);
				return (saved != null && saved.getRedirectUrl().startsWith(here)) ? saved : null;
			}

		};
		cache.setRequestMatcher(request -> "GET".equals(request.getMethod()) && !isHtmx(request)
				&& String.valueOf(request.getHeader("Accept")).contains("text/html"));
		cache.setCookieCustomizer(cookie -> cookie.setAttribute("SameSite", "Strict"));
		return cache;
	}

}
