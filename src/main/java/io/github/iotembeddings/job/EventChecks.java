package io.github.iotembeddings.job;

import io.github.iotembeddings.events.EventTextFunction;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Per event, before the chunk is embedded: an event whose text expression raised is skipped with that
 * error; so is an event deleted since it was read. The others are locked against deletion until the
 * chunk commits, so their embeddings cannot lose their event half-way.
 */
class EventChecks implements ItemProcessor<EventText, EventText> {

	static final String TEXT_FAILED = "TextExpressionFailed";

	static final String EVENT_DELETED = "EventDeleted";

	private final JdbcTemplate jdbcTemplate;

	EventChecks(JdbcTemplate jdbcTemplate) {
		this.jdbcTemplate = jdbcTemplate;
	}

	@Override
	public @Nullable EventText process(EventText event) {
		String text = event.text();
		if (text != null && text.startsWith(EventTextFunction.ERROR_MARKER)) {
			throw new EventSkippedException(TEXT_FAILED, text.substring(EventTextFunction.ERROR_MARKER.length()));
		}
		List<Long> present = jdbcTemplate.queryForList("select id from public.iot_events where id = ? for key share",
				Long.class, event.id());
		if (present.isEmpty()) {
			throw new EventSkippedException(EVENT_DELETED, "event " + event.id() + " was deleted after it was read");
		}
		return event;
	}

}
