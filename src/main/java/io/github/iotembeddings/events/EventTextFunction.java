package io.github.iotembeddings.events;

import java.util.List;

import io.github.iotembeddings.config.ConnectionSettings;
import io.github.iotembeddings.config.InvalidConfigurationException;
import io.github.iotembeddings.config.JobProperties;
import io.github.iotembeddings.config.ServerInstallationFailure;
import io.github.iotembeddings.config.ToolSchema;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Wraps the configured text expression in a function that catches errors row by row, so one event
 * whose expression raises (a cast of a malformed payload, say) does not fail the page it is read with:
 * its text comes back as {@link #ERROR_MARKER} and the error, and the job records it as a skipped
 * event. (Re)created at the start of every run, since the expression is configuration.
 */
@Component
public class EventTextFunction implements JobExecutionListener {

	private static final String NAME = "iot_embeddings_event_text";

	/** Starts the text of an event whose expression raised; no real text starts with U+0001. */
	public static final String ERROR_MARKER = "\u0001";

	/**
	 * An event's text, over {@code e} (a {@code public.iot_events} row): the one definition that the job,
	 * the backlog, {@code validate} and {@code bench} all read, so they agree on every row. The function
	 * lives in the tool's schema, first on every session's search_path.
	 */
	public static final String CALL = NAME + "(e)";

	private final JdbcTemplate jdbcTemplate;

	private final JobProperties properties;

	private final ConnectionSettings connection;

	private final ToolSchema schema;

	EventTextFunction(JdbcTemplate jdbcTemplate, JobProperties properties, ConnectionSettings connection,
			ToolSchema schema) {
		this.jdbcTemplate = jdbcTemplate;
		this.properties = properties;
		this.connection = connection;
		this.schema = schema;
	}

	@Override
	public void beforeJob(JobExecution jobExecution) {
		ensureInstalled();
	}

	/**
	 * Installs the function for the configured expression unless it is there already. Replacing it
	 * takes the right to create in the tool's schema (or to own the function); a role without it, such as
	 * a runtime role with what {@code grants} prints, runs with the function {@code migrate} installed.
	 */
	public void ensureInstalled() {
		String body = body();
		List<String> installed = jdbcTemplate.queryForList("""
				select p.prosrc from pg_proc p join pg_namespace n on n.oid = p.pronamespace
				where n.nspname = ? and p.proname = ?""", String.class, schema.name(), NAME);
		if (installed.size() == 1 && installed.get(0).equals(body)) {
			return;
		}
		String function = schema.qualify(NAME);
		try {
			jdbcTemplate.execute("create or replace function " + function + "(e public.iot_events)"
					+ " returns text language plpgsql stable as $iot_embeddings$" + body + "$iot_embeddings$");
			// Functions are executable by everyone unless revoked; this one is the tool's alone.
			jdbcTemplate.execute("revoke execute on function " + function + "(public.iot_events) from public");
		}
		catch (DataAccessException ex) {
			// A server that cannot load plpgsql is no ownership problem: say what it is.
			throw ServerInstallationFailure.recognise(ex, connection.describe())
				.orElseGet(() -> new InvalidConfigurationException("cannot install the text expression as " + function
						+ " (" + ex.getMostSpecificCause().getMessage().strip()
						+ "): run migrate once with this configuration as the tables' owner", ex));
		}
	}

	private String body() {
		return """

				begin
				  return (%s);
				exception when others then
				  return chr(1) || sqlstate || ': ' || sqlerrm;
				end """.formatted(properties.textSql());
	}

}
