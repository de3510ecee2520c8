package io.github.iotembeddings.job;

import io.github.iotembeddings.sync.ChangeQueue;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * An event to embed: its id and the text the configured SQL expression gives for it.
 *
 * @param id the {@code iot_events.id}
 * @param text the text to embed; {@code null} when the expression yields NULL
 * @param textHash md5 of the text, computed by the database
 * @param queueEntries the change-queue entries it was read from ({@link ChangeQueue}), deleted with the
 * write of its vector; empty when it was found otherwise
 */
public record EventText(long id, @Nullable String text, String textHash, List<Long> queueEntries) {

	public EventText(long id, @Nullable String text, String textHash) {
		this(id, text, textHash, List.of());
	}

}
