package io.github.iotembeddings.web;

import java.io.IOException;

import io.github.iotembeddings.config.ConnectionRouting;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Serves each request on the requests' connection pool ({@link ConnectionRouting}): whatever the
 * request's thread reads or writes, through whichever service, takes its connections there. The probes
 * keep the job's pool, as before: a flood of searches must not make a pod look unready.
 */
class RequestPoolFilter extends OncePerRequestFilter {

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return Paths.isProbe(Paths.of(request));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try (ConnectionRouting.Scope scope = ConnectionRouting.forRequest()) {
			chain.doFilter(request, response);
		}
	}

}
