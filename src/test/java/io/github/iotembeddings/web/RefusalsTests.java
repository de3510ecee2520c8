package io.github.iotembeddings.web;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;

import io.github.iotembeddings.config.HttpProperties;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class RefusalsTests {

	private final Refusals refusals = new Refusals(new HttpProperties(4, Duration.ofMillis(500), Duration.ofSeconds(5), 4, 4,
			Duration.ofSeconds(1), 1, 0.25));

	@Test
	void tellsAWaitForTheDatabaseFromOtherFailuresWhereverItIsWrapped() {
		// a connection not free within the pool's wait, as Spring and as HikariCP say it
		assertThat(refusals.whyBusy(new CannotGetJdbcConnectionException("no connection",
				new SQLTransientConnectionException("iot-embeddings-http - Connection is not available"))))
			.hasValueSatisfying(why -> assertThat(why).contains("no database connection was free within 500 ms"));
		// the statement timeout, translated by Spring, or raw inside another library's exception (Quartz's)
		assertThat(refusals.whyBusy(new QueryTimeoutException("canceling statement due to statement timeout")))
			.hasValueSatisfying(why -> assertThat(why).startsWith("the query took too long").contains("within 5 s"));
		assertThat(refusals.whyBusy(new IllegalStateException("job store",
				new SQLException("ERROR: canceling statement due to statement timeout", "57014"))))
			.hasValueSatisfying(why -> assertThat(why).startsWith("the query took too long"));
		// a lock not granted in time
		assertThat(refusals.whyBusy(new SQLException("ERROR: canceling statement due to lock timeout", "55P03")))
			.hasValueSatisfying(why -> assertThat(why).contains("a lock the query needs was not granted in time"));
		// anything else is not the service being busy
		assertThat(refusals.whyBusy(new DataIntegrityViolationException("duplicate key"))).isEmpty();
		assertThat(refusals.whyBusy(new SQLException("ERROR: relation does not exist", "42P01"))).isEmpty();
	}

	@Test
	void answersProgramsInJsonAndBrowsersInOneLineOfHtml() throws Exception {
		MockHttpServletResponse program = new MockHttpServletResponse();
		refusals.answer(new MockHttpServletRequest("GET", "/search"), program, 503, "the \"query\" took too long");
		assertThat(program.getStatus()).isEqualTo(503);
		assertThat(program.getHeader("Retry-After")).isEqualTo("1");
		assertThat(program.getContentType()).startsWith("application/json");
		assertThat(program.getContentAsString()).isEqualTo("{\"error\":\"the \\\"query\\\" took too long\"}");

		MockHttpServletRequest page = new MockHttpServletRequest("GET", "/executions");
		page.addHeader("Accept", "text/html,application/xhtml+xml");
		MockHttpServletResponse browser = new MockHttpServletResponse();
		refusals.answer(page, browser, 429, "busy <now>");
		assertThat(browser.getContentType()).startsWith("text/html");
		assertThat(browser.getContentAsString()).contains("<div id=\"result\" class=\"result error\" role=\"status\">busy &lt;now&gt;</div>");
		assertThat(browser.getHeader("HX-Reswap")).isNull();

		// an htmx refresh keeps what the page shows; an htmx action shows the line where its answer goes
		MockHttpServletRequest refresh = new MockHttpServletRequest("GET", "/executions");
		refresh.addHeader("HX-Request", "true");
		MockHttpServletResponse refreshed = new MockHttpServletResponse();
		refusals.answer(refresh, refreshed, 429, "busy");
		assertThat(refreshed.getHeader("HX-Reswap")).isEqualTo("none");
		MockHttpServletRequest action = new MockHttpServletRequest("POST", "/syncs");
		action.addHeader("HX-Request", "true");
		MockHttpServletResponse acted = new MockHttpServletResponse();
		refusals.answer(action, acted, 429, "busy");
		assertThat(acted.getHeader("HX-Reswap")).isNull();
		assertThat(acted.getContentAsString()).contains("<div id=\"result\"");
	}

}
