package io.github.iotembeddings.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;

/**
 * Guards an API by its own bearer token (the admin API and the query API each have one), as a Spring Security
 * filter chain of its own: no session, no CSRF (its callers are programs), every request authenticated by
 * {@code Authorization: Bearer <token>}. A request without the token is answered 401 with
 * {@code WWW-Authenticate: Bearer}; with no token configured the API is off, and every request is answered
 * 404. Both through the error page, as any other 401 or 404 of the server. The comparison takes the same
 * time however much of the token matches.
 */
public final class BearerTokenAuthentication {

	private static final String PREFIX = "Bearer ";

	private BearerTokenAuthentication() {
	}

	/**
	 * @param http the builder of the chain
	 * @param api who the authenticated caller is, such as {@code admin-api}
	 * @param token the token the API's callers present; null or blank turns the API off
	 * @param paths the API's paths, which the chain serves
	 * @return the API's chain
	 */
	public static SecurityFilterChain filterChain(HttpSecurity http, String api, @Nullable String token,
			String... paths) throws Exception {
		byte @Nullable [] expected = (token != null && !token.isBlank()) ? token.getBytes(StandardCharsets.UTF_8) : null;
		AuthenticationEntryPoint refuse = (request, response, ex) -> {
			if (expected == null) {
				response.sendError(HttpServletResponse.SC_NOT_FOUND);
			}
			else {
				response.setHeader("WWW-Authenticate", "Bearer");
				response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
			}
		};
		AuthenticationFilter bearer = new AuthenticationFilter(new ProviderManager(provider(api, expected)),
				BearerTokenAuthentication::presented);
		bearer.setSuccessHandler((request, response, authentication) -> {
			// the request goes on down the chain, authenticated
		});
		bearer.setFailureHandler(new AuthenticationEntryPointFailureHandler(refuse));
		return http.securityMatcher(paths)
			.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
			.addFilterBefore(bearer, AuthorizationFilter.class)
			.exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(refuse))
			.csrf(AbstractHttpConfigurer::disable)
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(AbstractHttpConfigurer::disable)
			.build();
	}

	/** @return the token the request presents, or null: then it is anonymous, and the entry point answers */
	private static @Nullable Authentication presented(HttpServletRequest request) {
		String header = request.getHeader("Authorization");
		if (header == null || !header.startsWith(PREFIX)) {
			return null;
		}
		return new PreAuthenticatedAuthenticationToken("bearer", header.substring(PREFIX.length()));
	}

	private static AuthenticationProvider provider(String api, byte @Nullable [] expected) {
		return new AuthenticationProvider() {

			@Override
			public Authentication authenticate(Authentication authentication) {
				byte[] presented = String.valueOf(authentication.getCredentials()).getBytes(StandardCharsets.UTF_8);
				if (expected == null || !MessageDigest.isEqual(presented, expected)) {
					throw new BadCredentialsException("wrong token for the " + api);
				}
				return new PreAuthenticatedAuthenticationToken(api, null, List.of(new SimpleGrantedAuthority("ROLE_API")));
			}

			@Override
			public boolean supports(Class<?> authentication) {
				return PreAuthenticatedAuthenticationToken.class.isAssignableFrom(authentication);
			}

		};
	}

}
