package io.github.iotembeddings.sync;

import java.util.Collection;

import io.github.iotembeddings.config.ToolSchema;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The change queue ({@code event_changes} in the tool's schema): ids of events whose text may have
 * changed, appended by the opt-in capture trigger and by the full check. The job reads them with
 * {@code for update skip locked} and deletes exactly the entries it read in the transaction that writes
 * the new vectors: an entry appended meanwhile (the text changed again) stays for the next sync, and a
 * crash before the commit leaves every entry in place.
 */
@Component
public class ChangeQueue {

	/** The queue table, unqualified: the tool's schema is first on every session's search_path. */
	public static final String TABLE = "event_changes";

	private final JdbcTemplate jdbcTemplate;

	private final String qualifiedTable;

	ChangeQueue(JdbcTemplate jdbcTemplate, ToolSchema schema) {
		this.jdbcTemplate = jdbcTemplate;
		this.qualifiedTable = schema.qualify(TABLE);
	}

	/** @param entries queue entries ({@code seq}) whose events were just embedded or recorded as failing */
	public void remove(Collection<Long> entries) {
		if (!entries.isEmpty()) {
			jdbcTemplate.update("delete from " + qualifiedTable + " where seq = any(?)", (Object) entries.toArray(Long[]::new));
		}
	}

	/** Entries of events deleted since they were queued can never be read; they go before a sync reads. */
	public void dropDeletedEvents() {
		jdbcTemplate.update("delete from " + qualifiedTable
				+ " q where not exists (select 1 from public.iot_events e where e.id = q.event_id)");
	}

}
