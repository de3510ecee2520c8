package io.github.iotembeddings.web;

import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

/** Which kind of request a path is, for the pool and the limits. */
final class Paths {

	/** The query API's endpoints. */
	static final String[] QUERY_API = { "/search", "/embed" };

	private static final Set<String> QUERY_API_PATHS = Set.of(QUERY_API);

	/** Never limited: the probes and metrics, the console's static files, its sign-in and sign-out, errors. */
	private static final List<String> UNLIMITED_PREFIXES = List.of("/actuator/", "/webjars/", "/console/");

	private static final Set<String> UNLIMITED = Set.of("/actuator", "/login", "/logout", "/error", "/favicon.ico");

	private Paths() {
	}

	/** @return the request's path inside the application */
	static String of(HttpServletRequest request) {
		return request.getRequestURI().substring(request.getContextPath().length());
	}

	static boolean isProbe(String path) {
		return path.equals("/actuator") || path.startsWith("/actuator/");
	}

	static boolean isQueryApi(String path) {
		return QUERY_API_PATHS.contains(path);
	}

	/** @return whether no limit applies: nothing there reads the database or waits for anything */
	static boolean isUnlimited(String path) {
		return UNLIMITED.contains(path) || UNLIMITED_PREFIXES.stream().anyMatch(path::startsWith);
	}

}
