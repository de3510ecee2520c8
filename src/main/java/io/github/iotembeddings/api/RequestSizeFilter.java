package io.github.iotembeddings.api;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a body larger than the limit (413) before it is read, and one of unknown length (411), which
 * could be any size; a query string longer than the limit is refused too (414).
 */
class RequestSizeFilter extends OncePerRequestFilter {

	private final int maxBytes;

	RequestSizeFilter(int maxBytes) {
		this.maxBytes = maxBytes;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String query = request.getQueryString();
		if (query != null && query.length() > maxBytes) {
			response.sendError(414, "the query string is longer than " + maxBytes + " bytes");
			return;
		}
		if ("POST".equals(request.getMethod())) {
			long length = request.getContentLengthLong();
			if (length < 0) {
				response.sendError(HttpServletResponse.SC_LENGTH_REQUIRED, "send a Content-Length");
				return;
			}
			if (length > maxBytes) {
				response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
						"the body is " + length + " bytes; at most " + maxBytes + " are read (embeddings.search.max-request-bytes)");
				return;
			}
		}
		chain.doFilter(request, response);
	}

}
