package io.github.iotembeddings.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards an API by its own bearer token (the admin API and the query API each have one): 404 when no
 * token is configured (the API is off), 401 unless the request carries {@code Authorization: Bearer
 * <token>}. The comparison takes the same time however much of the token matches. Registered for the
 * API's paths only.
 */
public class BearerTokenFilter extends OncePerRequestFilter {

	private static final String PREFIX = "Bearer ";

	private final @Nullable String token;

	/** @param token the token the API's callers present; null or blank turns the API off */
	public BearerTokenFilter(@Nullable String token) {
		this.token = (token != null && !token.isBlank()) ? token : null;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (token == null) {
			response.sendError(HttpServletResponse.SC_NOT_FOUND);
			return;
		}
		String header = request.getHeader("Authorization");
		String presented = (header != null && header.startsWith(PREFIX)) ? header.substring(PREFIX.length()) : "";
		if (!MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
			response.setHeader("WWW-Authenticate", "Bearer");
			response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
			return;
		}
		chain.doFilter(request, response);
	}

}
