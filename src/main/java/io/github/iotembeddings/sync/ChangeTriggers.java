package io.github.iotembeddings.sync;

import java.util.List;
import java.util.stream.Collectors;

import io.github.iotembeddings.config.InvalidConfigurationException;
import io.github.iotembeddings.config.JobProperties;
import io.github.iotembeddings.config.ToolSchema;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The opt-in triggers on the user's {@code public.iot_events}, touched only by {@code install-trigger} and
 * {@code remove-trigger}: a statement-level notify, so {@code schedule} syncs within a second, and a row-level
 * capture of the events whose embedded text may have changed into the {@link ChangeQueue}, on the columns the
 * text expression reads (why that shape: docs/DECISIONS.md, "Capturing edits").
 */
@Component
public class ChangeTriggers {

	/** The LISTEN/NOTIFY channel. */
	public static final String CHANNEL = "iot_embeddings_events_changed";

	/** Formatted with the function's qualified name. */
	private static final String NOTIFY_SQL = """
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

	/** Formatted with the function, the queue, the column list and the WHEN condition. */
	private static final String CAPTURE_SQL = """
			create or replace function %1$s() returns trigger
			language plpgsql security definer set search_path = pg_catalog, pg_temp as $$
			begin
			  insert into %2$s (event_id) values (new.id);
			  return null;
			end $$;
			revoke execute on function %1$s() from public;
			drop trigger if exists iot_embeddings_capture_change on public.iot_events;
			create trigger iot_embeddings_capture_change
			  after update of %3$s on public.iot_events
			  for each row when (%4$s) execute function %1$s();""";

	private static final String REMOVE_SQL = """
			drop trigger if exists iot_embeddings_notify_change on public.iot_events;
			drop trigger if exists iot_embeddings_capture_change on public.iot_events;
			drop function if exists %1$s();
			drop function if exists %2$s();""";

	private final JdbcTemplate jdbcTemplate;

	private final TransactionTemplate transaction;

	private final JobProperties jobProperties;

	private final String notifyFunction;

	private final String captureFunction;

	private final String queue;

	ChangeTriggers(JdbcTemplate jdbcTemplate, TransactionTemplate transaction, JobProperties jobProperties,
			ToolSchema schema) {
		this.jdbcTemplate = jdbcTemplate;
		this.transaction = transaction;
		this.jobProperties = jobProperties;
		this.notifyFunction = schema.qualify("iot_embeddings_notify_change");
		this.captureFunction = schema.qualify("iot_embeddings_capture_change");
		this.queue = schema.qualify(ChangeQueue.TABLE);
	}

	/**
	 * Installs (or replaces) both triggers, in one transaction.
	 * @return the columns whose updates are captured
	 */
	public List<String> install() {
		List<String> columns = textColumns();
		transaction.executeWithoutResult(status -> {
			jdbcTemplate.execute(NOTIFY_SQL.formatted(notifyFunction, CHANNEL));
			if (!columns.isEmpty()) {
				String quoted = columns.stream().map(this::quote).collect(Collectors.joining(", "));
				String changed = columns.stream()
					.map(this::quote)
					.map(column -> "old." + column + " is distinct from new." + column)
					.collect(Collectors.joining(" or "));
				jdbcTemplate.execute(CAPTURE_SQL.formatted(captureFunction, queue, quoted, changed));
			}
		});
		return columns;
	}

	public void remove() {
		jdbcTemplate.execute(REMOVE_SQL.formatted(notifyFunction, captureFunction));
	}

	public boolean installed() {
		return Boolean.TRUE.equals(jdbcTemplate.queryForObject("""
				select exists (select 1 from pg_trigger
				  where tgrelid = 'public.iot_events'::regclass and tgname = 'iot_embeddings_notify_change')""",
				Boolean.class));
	}

	/**
	 * The columns of public.iot_events the configured text expression reads, as PostgreSQL itself records
	 * them for a view over the expression: exact, whatever the expression's form, and never guessed.
	 */
	List<String> textColumns() {
		return transaction.execute(status -> {
			status.setRollbackOnly();
			try {
				jdbcTemplate.execute("create temporary view iot_embeddings_text_columns as select ("
						+ jobProperties.textSql() + ") as embedding_text from public.iot_events e");
			}
			catch (RuntimeException ex) {
				throw new InvalidConfigurationException("embeddings.job.text-sql is not a valid expression over"
						+ " public.iot_events e: " + ex.getMessage(), ex);
			}
			return jdbcTemplate.queryForList("""
					select distinct a.attname from pg_depend d
					join pg_rewrite r on r.oid = d.objid
					join pg_attribute a on a.attrelid = d.refobjid and a.attnum = d.refobjsubid
					where r.ev_class = 'iot_embeddings_text_columns'::regclass
					  and d.refobjid = 'public.iot_events'::regclass and d.refobjsubid > 0
					order by a.attname""", String.class);
		});
	}

	private String quote(String column) {
		return jdbcTemplate.queryForObject("select quote_ident(?)", String.class, column);
	}

}
