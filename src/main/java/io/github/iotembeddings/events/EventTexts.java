package io.github.iotembeddings.events;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Events' texts as the configured expression gives them, for the few events a page shows. */
@Component
public class EventTexts {

	private static final String TEXTS = "select e.id, " + EventTextFunction.CALL
			+ " as text from public.iot_events e where e.id = any(?)";

	private final JdbcTemplate jdbcTemplate;

	EventTexts(JdbcTemplate jdbcTemplate) {
		this.jdbcTemplate = jdbcTemplate;
	}

	/**
	 * @param eventIds the events (a page's worth: one primary-key lookup each)
	 * @return each existing event's text; an event whose expression raises has
	 * {@link EventTextFunction#ERROR_MARKER} and the error instead
	 */
	public Map<Long, String> of(Collection<Long> eventIds) {
		Map<Long, String> texts = new HashMap<>();
		if (!eventIds.isEmpty()) {
			jdbcTemplate.query(TEXTS, rs -> {
				texts.put(rs.getLong("id"), rs.getString("text"));
			}, (Object) eventIds.toArray(Long[]::new));
		}
		return texts;
	}

	/** @return the text, or what the expression raised on the event, in words; null stays null */
	public static @Nullable String readable(@Nullable String text) {
		return (text != null && text.startsWith(EventTextFunction.ERROR_MARKER))
				? "(the text expression fails on this event: " + text.substring(1) + ")" : text;
	}

}
