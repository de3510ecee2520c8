package io.github.iotembeddings.admin;

import java.util.Map;

import io.github.iotembeddings.config.InvalidConfigurationException;
import io.github.iotembeddings.common.Refusal;
import io.github.iotembeddings.executions.NoSuchExecutionException;

import org.springframework.context.annotation.Profile;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Why the admin API did not do what it was asked, as {@code {"error": "..."}}: 404 for no such execution,
 * 409 when the state refuses it or a setting prevents it (a model that does not load). Ahead of
 * {@code web.BusyExceptionHandler}, which answers the rest of what it knows (503).
 */
@RestControllerAdvice(assignableTypes = AdminController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
@Profile("schedule")
class AdminFailures {

	@ExceptionHandler
	ResponseEntity<Map<String, String>> noSuchExecution(NoSuchExecutionException ex) {
		return error(HttpStatus.NOT_FOUND, ex);
	}

	@ExceptionHandler
	ResponseEntity<Map<String, String>> refusal(Refusal ex) {
		return error(HttpStatus.CONFLICT, ex);
	}

	@ExceptionHandler
	ResponseEntity<Map<String, String>> setting(InvalidConfigurationException ex) {
		return error(HttpStatus.CONFLICT, ex);
	}

	private static ResponseEntity<Map<String, String>> error(HttpStatus status, RuntimeException ex) {
		return ResponseEntity.status(status).body(Map.of("error", String.valueOf(ex.getMessage())));
	}

}
