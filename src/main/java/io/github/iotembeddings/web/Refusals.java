package io.github.iotembeddings.web;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.github.iotembeddings.config.HttpProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Profile;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * The answer a request gets when the service is too busy to serve it, said in one line and never with a
 * stack trace: 429 when its kind of request is at its limit, 503 when no database connection was free in
 * time or its query ran past the requests' statement timeout. Both carry {@code Retry-After}. A program
 * gets {@code {"error": "..."}}; a browser (or htmx) a line of HTML, which htmx's background refreshes
 * do not swap in, so a page keeps what it showed and tries again on its next refresh.
 */
@Component
@Profile("web")
public class Refusals {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** PostgreSQL's SQLSTATE for a statement cancelled, here by {@code statement_timeout}. */
	private static final String QUERY_CANCELED = "57014";

	/** PostgreSQL's SQLSTATE for a lock not granted within {@code lock_timeout}. */
	private static final String LOCK_NOT_AVAILABLE = "55P03";

	private final HttpProperties properties;

	Refusals(HttpProperties properties) {
		this.properties = properties;
	}

	/**
	 * @param failure what a request's work threw
	 * @return why the request could not be served in time, when that is what happened: no connection of
	 * the requests' pool free within its wait (or the database unreachable), or a statement, or a lock
	 * wait, longer than the requests' statement timeout
	 */
	public Optional<String> whyBusy(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = next(cause)) {
			if (cause instanceof CannotGetJdbcConnectionException || cause instanceof SQLTransientConnectionException) {
				return Optional.of("the service is busy: no database connection was free within "
						+ seconds(properties.poolWait()) + " (embeddings.http.pool-wait), or the database cannot be"
						+ " reached; " + tryAgain());
			}
			if (cause instanceof QueryTimeoutException || sqlState(cause, QUERY_CANCELED)) {
				return Optional.of("the query took too long: the database did not answer within "
						+ seconds(properties.statementTimeout()) + " (embeddings.http.statement-timeout); try again"
						+ " later, or ask for less");
			}
			if (cause instanceof CannotAcquireLockException || sqlState(cause, LOCK_NOT_AVAILABLE)) {
				return Optional.of("the database is busy: a lock the query needs was not granted in time; " + tryAgain());
			}
		}
		return Optional.empty();
	}

	String tryAgain() {
		return "try again in " + properties.retryAfterSeconds() + " s";
	}

	/** Tells the client when to try again. */
	public void retryAfter(HttpServletResponse response) {
		response.setHeader("Retry-After", properties.retryAfterSeconds());
	}

	/**
	 * Answers the request with the status, {@code Retry-After} and the reason, as JSON or as HTML for a
	 * browser.
	 */
	void answer(HttpServletRequest request, HttpServletResponse response, int status, String reason)
			throws IOException {
		response.setStatus(status);
		retryAfter(response);
		response.setHeader("Cache-Control", "no-store");
		response.setCharacterEncoding("UTF-8");
		if (wantsHtml(request)) {
			if ("GET".equals(request.getMethod()) && isHtmx(request)) {
				// A page's background refresh keeps what the page shows rather than swapping in the refusal.
				response.setHeader("HX-Reswap", "none");
			}
			response.setContentType("text/html");
			response.getWriter().write(page(request.getContextPath(), reason));
		}
		else {
			response.setContentType("application/json");
			response.getWriter().write(JSON.writeValueAsString(Map.of("error", reason)));
		}
	}

	/** The page an action's {@code #result} is taken from, or that a browser shows by itself. */
	private static String page(String contextPath, String reason) {
		return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Busy · iot-embeddings</title>"
				+ "<link rel=\"stylesheet\" href=\"" + contextPath + "/console/console.css\"></head>\n<body><main>"
				+ "<div id=\"result\" class=\"result error\" role=\"status\">" + HtmlUtils.htmlEscape(reason) + "</div>"
				+ "<p><a href=\"" + contextPath + "/\">Back to the console</a></p></main></body></html>\n";
	}

	private static boolean wantsHtml(HttpServletRequest request) {
		String accept = request.getHeader("Accept");
		return isHtmx(request) || (accept != null && accept.contains("text/html"));
	}

	private static boolean isHtmx(HttpServletRequest request) {
		return "true".equals(request.getHeader("HX-Request"));
	}

	private static boolean sqlState(Throwable cause, String state) {
		return cause instanceof SQLException sql && state.equals(sql.getSQLState());
	}

	private static @Nullable Throwable next(Throwable cause) {
		return (cause.getCause() != cause) ? cause.getCause() : null;
	}

	private static String seconds(Duration duration) {
		return (duration.toMillis() % 1000 == 0) ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
	}

}
