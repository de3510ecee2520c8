package io.github.iotembeddings.web;

import java.sql.SQLException;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Profile;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * A page or an API call whose database work could not be done in time (no connection of the requests'
 * pool free within its wait, a statement past the requests' statement timeout) answers 503 with the
 * reason in one line ({@link Refusals}), for every controller. Spring matches the handler on a wrapped
 * cause too (Quartz's and Batch's own exceptions around an SQLException); any other failure is thrown on
 * unchanged, to Spring's usual handling.
 */
@ControllerAdvice
@Profile("web")
class BusyExceptionHandler {

	private final Refusals refusals;

	BusyExceptionHandler(Refusals refusals) {
		this.refusals = refusals;
	}

	@ExceptionHandler({ DataAccessException.class, TransactionException.class, SQLException.class })
	void busy(Exception failure, HttpServletRequest request, HttpServletResponse response) throws Exception {
		Optional<String> why = refusals.whyBusy(failure);
		if (why.isEmpty() || response.isCommitted()) {
			throw failure;
		}
		refusals.answer(request, response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, why.get());
	}

}
