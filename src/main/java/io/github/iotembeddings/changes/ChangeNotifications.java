package io.github.iotembeddings.changes;

import io.github.iotembeddings.config.ToolSchema;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The opt-in trigger on the user's {@code public.iot_events} that notifies the scheduler of inserts
 * and updates, so a sync starts within a second instead of at the next minute. It changes the user's
 * table, so only the explicit {@code install-trigger} and {@code remove-trigger} commands touch it;
 * {@code migrate} never does.
 */
@Component
public class ChangeNotifications {

	/** The LISTEN/NOTIFY channel. */
	public static final String CHANNEL = "iot_embeddings_events_changed";

	/** Formatted with the function's qualified name. */
	private static final String INSTALL_SQL = """
			create or replace function %1$s() returns trigger
			language plpgsql as $$
			begin
			  perform pg_notify('%2$s', '');
			  return null;
			end $$;
			drop trigger if exists iot_embeddings_notify_change on public.iot_events;
			create trigger iot_embeddings_notify_change
			  after insert or update on public.iot_events
			  for each statement execute function %1$s();""";

	private static final String REMOVE_SQL = """
			drop trigger if exists iot_embeddings_notify_change on public.iot_events;
			drop function if exists %1$s();""";

	private final JdbcTemplate jdbcTemplate;

	private final String function;

	ChangeNotifications(JdbcTemplate jdbcTemplate, ToolSchema schema) {
		this.jdbcTemplate = jdbcTemplate;
		this.function = schema.qualify("iot_embeddings_notify_change");
	}

	/** Installs (or replaces) the statement-level trigger: one notification per statement, not per row. */
	public void install() {
		jdbcTemplate.execute(INSTALL_SQL.formatted(function, CHANNEL));
	}

	public void remove() {
		jdbcTemplate.execute(REMOVE_SQL.formatted(function));
	}

	public boolean installed() {
		return Boolean.TRUE.equals(jdbcTemplate.queryForObject("""
				select exists (select 1 from pg_trigger
				  where tgrelid = 'public.iot_events'::regclass and tgname = 'iot_embeddings_notify_change')""",
				Boolean.class));
	}

}
