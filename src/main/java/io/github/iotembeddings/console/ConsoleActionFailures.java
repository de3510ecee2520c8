package io.github.iotembeddings.console;

import java.util.Optional;

import io.github.iotembeddings.common.Messages;
import io.github.iotembeddings.config.InvalidConfigurationException;
import io.github.iotembeddings.common.Refusal;
import io.github.iotembeddings.executions.NoSuchExecutionException;
import io.github.iotembeddings.web.Refusals;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.TypeMismatchException;
import org.springframework.context.annotation.Profile;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * Why a console action was not done, said as its result ({@link ActionResult}) with the service's own reason
 * and a 4xx status: 400 for bad input, 404 for no such execution, 409 when the state refuses it (a
 * {@link Refusal}) or a setting prevents it; one the database could not serve in time (the requests' pool or
 * statement timeout) 503 and {@code Retry-After} with the reason ({@link Refusals}); an unexpected failure
 * its first line and 500 (the log has the rest).
 * <p>
 * For the actions only, and ahead of {@code web.BusyExceptionHandler}, whose page is for the other pages and
 * the APIs. A request Spring MVC itself refused (a path variable that is no number) keeps Spring's answer.
 */
@ControllerAdvice(assignableTypes = ConsoleActions.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
@Profile("web")
class ConsoleActionFailures {

	private static final Log logger = LogFactory.getLog(ConsoleActionFailures.class);

	private final ConsoleFormat format;

	private final Refusals refusals;

	ConsoleActionFailures(ConsoleFormat format, Refusals refusals) {
		this.format = format;
		this.refusals = refusals;
	}

	@ExceptionHandler
	ModelAndView noSuchExecution(NoSuchExecutionException ex, HttpServletRequest request, HttpServletResponse response) {
		return refused(HttpServletResponse.SC_NOT_FOUND, ex.getMessage(), request, response);
	}

	@ExceptionHandler
	ModelAndView refusal(Refusal ex, HttpServletRequest request, HttpServletResponse response) {
		return refused(HttpServletResponse.SC_CONFLICT, ex.getMessage(), request, response);
	}

	@ExceptionHandler
	ModelAndView setting(InvalidConfigurationException ex, HttpServletRequest request, HttpServletResponse response) {
		return refused(HttpServletResponse.SC_CONFLICT, ex.getMessage(), request, response);
	}

	@ExceptionHandler
	ModelAndView badInput(IllegalArgumentException ex, HttpServletRequest request, HttpServletResponse response) {
		return refused(HttpServletResponse.SC_BAD_REQUEST, ex.getMessage(), request, response);
	}

	@ExceptionHandler
	ModelAndView failed(Exception ex, HttpServletRequest request, HttpServletResponse response) throws Exception {
		if (ex instanceof ErrorResponse || ex instanceof TypeMismatchException) {
			throw ex; // Spring MVC's own refusal of the request (400 for an id that is no number), as before
		}
		Optional<String> busy = refusals.whyBusy(ex);
		if (busy.isPresent()) {
			refusals.retryAfter(response);
			return refused(HttpServletResponse.SC_SERVICE_UNAVAILABLE, busy.get(), request, response);
		}
		logger.warn("Console action failed", ex);
		return refused(HttpServletResponse.SC_INTERNAL_SERVER_ERROR, Messages.firstLine(ex), request, response);
	}

	private ModelAndView refused(int status, @Nullable String why, HttpServletRequest request,
			HttpServletResponse response) {
		response.setStatus(status);
		return new ActionResult(false, format.safe(why)).view("true".equals(request.getHeader(ActionResult.HTMX)));
	}

}
