package io.github.iotembeddings.console;

import org.springframework.web.servlet.ModelAndView;

/**
 * What an action did, or why not, in one line: the fragment htmx swaps into the page, or a page of its own
 * for a plain form post.
 * @param ok whether it was done
 * @param message what happened, or why not
 */
record ActionResult(boolean ok, String message) {

	/** The header htmx sends with its requests. */
	static final String HTMX = "HX-Request";

	/** @param htmx whether htmx asked (its header is {@code true}) */
	ModelAndView view(boolean htmx) {
		return new ModelAndView(htmx ? "result :: result" : "result", "result", this);
	}

}
