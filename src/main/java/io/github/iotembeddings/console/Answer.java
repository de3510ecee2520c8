package io.github.iotembeddings.console;

import java.util.Optional;

import io.github.iotembeddings.common.Messages;
import io.github.iotembeddings.config.InvalidConfigurationException;
import io.github.iotembeddings.config.Refusal;
import io.github.iotembeddings.executions.NoSuchExecutionException;
import io.github.iotembeddings.web.Refusals;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.ui.ModelMap;

/**
 * How an action answers: it runs the action and renders one line saying what happened, as the fragment
 * htmx swaps into the page, or as a page of its own for a plain form post. A refusal carries the
 * service's own reason and a 4xx status (400 for bad input, 404 for no such execution, 409 when the state
 * forbids it); one the database could not serve in time (the requests' pool or statement timeout) 503
 * and {@code Retry-After} with the reason ({@link Refusals}); an unexpected failure its first line and 500
 * (the log has the rest).
 */
final class Answer {

	private static final Log logger = LogFactory.getLog(Answer.class);

	private final boolean fragment;

	private final ModelMap model;

	private final HttpServletResponse response;

	private final ConsoleFormat format;

	private final Refusals refusals;

	Answer(boolean fragment, ModelMap model, HttpServletResponse response, ConsoleFormat format, Refusals refusals) {
		this.fragment = fragment;
		this.model = model;
		this.response = response;
		this.format = format;
		this.refusals = refusals;
	}

	/** An action that says what it did, or throws saying why not. */
	@FunctionalInterface
	interface Action {

		String run() throws Exception;

	}

	String of(Action action) {
		boolean done = false;
		@Nullable String message;
		try {
			message = action.run();
			done = true;
		}
		catch (NoSuchExecutionException ex) {
			message = refused(HttpServletResponse.SC_NOT_FOUND, ex.getMessage());
		}
		catch (Refusal ex) {
			message = refused(HttpServletResponse.SC_CONFLICT, ex.getMessage());
		}
		catch (InvalidConfigurationException ex) {
			message = refused(HttpServletResponse.SC_CONFLICT, ex.getMessage());
		}
		catch (IllegalArgumentException ex) {
			message = refused(HttpServletResponse.SC_BAD_REQUEST, ex.getMessage());
		}
		catch (Exception ex) {
			Optional<String> busy = refusals.whyBusy(ex);
			if (busy.isPresent()) {
				refusals.retryAfter(response);
				message = refused(HttpServletResponse.SC_SERVICE_UNAVAILABLE, busy.get());
			}
			else {
				logger.warn("Console action failed", ex);
				message = refused(HttpServletResponse.SC_INTERNAL_SERVER_ERROR, Messages.firstLine(ex));
			}
		}
		model.addAttribute("result", new ActionResult(done, format.safe(message)));
		return fragment ? "result :: result" : "result";
	}

	private @Nullable String refused(int status, @Nullable String why) {
		response.setStatus(status);
		return why;
	}

	/**
	 * @param ok whether it was done
	 * @param message what happened, or why not
	 */
	record ActionResult(boolean ok, String message) {
	}

}
