package io.github.iotembeddings.job;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Locks a chunk's events against deletion until the chunk commits, so that no embedding loses its event
 * half-way; one statement per chunk, not one per event (each is a round trip to the database).
 */
class EventLocks {

	static final String EVENT_DELETED = "EventDeleted";

	private final JdbcTemplate jdbcTemplate;

	EventLocks(JdbcTemplate jdbcTemplate) {
		this.jdbcTemplate = jdbcTemplate;
	}

	/**
	 * @param events the chunk's events
	 * @throws EventSkippedException for the first event deleted since it was read: Batch then writes the
	 * chunk one event at a time, and only that one is skipped
	 */
	void lock(List<? extends EventText> events) {
		Long[] ids = events.stream().map(EventText::id).toArray(Long[]::new);
		Set<Long> present = new HashSet<>(jdbcTemplate.queryForList(
				"select id from public.iot_events where id = any(?) for key share", Long.class, (Object) ids));
		for (EventText event : events) {
			if (!present.contains(event.id())) {
				throw new EventSkippedException(EVENT_DELETED, "event " + event.id() + " was deleted after it was read");
			}
		}
	}

}
