package io.github.iotembeddings.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import io.github.iotembeddings.config.AdminProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards {@code /admin/**}: 404 when no token is configured (the API is off), 401 unless the request
 * carries {@code Authorization: Bearer <token>}. The comparison takes the same time however much of the
 * token matches.
 */
class BearerTokenFilter extends OncePerRequestFilter {

	private static final String PREFIX = "Bearer ";

	private final AdminProperties properties;

	BearerTokenFilter(AdminProperties properties) {
		this.properties = properties;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !request.getRequestURI().startsWith("/admin");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!properties.enabled()) {
			response.sendError(HttpServletResponse.SC_NOT_FOUND);
			return;
		}
		String header = request.getHeader("Authorization");
		String presented = (header != null && header.startsWith(PREFIX)) ? header.substring(PREFIX.length()) : "";
		if (!MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
				properties.token().getBytes(StandardCharsets.UTF_8))) {
			response.setHeader("WWW-Authenticate", "Bearer");
			response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
			return;
		}
		chain.doFilter(request, response);
	}

}
