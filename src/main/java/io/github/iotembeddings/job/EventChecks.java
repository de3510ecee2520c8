package io.github.iotembeddings.job;

import io.github.iotembeddings.events.EventTextFunction;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Per event, before the chunk is embedded: an event whose text expression raised is skipped with that
 * error. The check reads nothing: an event deleted since it was read is found by the writer, which locks
 * the chunk's events in one statement ({@link EventLocks}).
 */
class EventChecks implements ItemProcessor<EventText, EventText> {

	static final String TEXT_FAILED = "TextExpressionFailed";

	@Override
	public @Nullable EventText process(EventText event) {
		String text = event.text();
		if (text != null && text.startsWith(EventTextFunction.ERROR_MARKER)) {
			throw new EventSkippedException(TEXT_FAILED, text.substring(EventTextFunction.ERROR_MARKER.length()));
		}
		return event;
	}

}
