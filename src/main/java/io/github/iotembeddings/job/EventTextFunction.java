package io.github.iotembeddings.job;

import io.github.iotembeddings.config.JobProperties;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Wraps the configured text expression in a function that catches errors row by row, so one event
 * whose expression raises (a cast of a malformed payload, say) does not fail the page it is read with:
 * its text comes back as {@link #ERROR_MARKER} and the error, and the job records it as a skipped
 * event. (Re)created at the start of every run, since the expression is configuration.
 */
class EventTextFunction implements JobExecutionListener {

	/** Starts the text of an event whose expression raised; no real text starts with U+0001. */
	static final String ERROR_MARKER = "\u0001";

	static final String CALL = "public.iot_embeddings_event_text(e)";

	private final JdbcTemplate jdbcTemplate;

	private final JobProperties properties;

	EventTextFunction(JdbcTemplate jdbcTemplate, JobProperties properties) {
		this.jdbcTemplate = jdbcTemplate;
		this.properties = properties;
	}

	@Override
	public void beforeJob(JobExecution jobExecution) {
		jdbcTemplate.execute("""
				create or replace function public.iot_embeddings_event_text(e public.iot_events) returns text
				language plpgsql stable as $iot_embeddings$
				begin
				  return (%s);
				exception when others then
				  return chr(1) || sqlstate || ': ' || sqlerrm;
				end $iot_embeddings$""".formatted(properties.textSql()));
	}

}
