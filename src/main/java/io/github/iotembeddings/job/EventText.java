package io.github.iotembeddings.job;

import org.jspecify.annotations.Nullable;

/**
 * An event to embed: its id and the text the configured SQL expression gives for it.
 *
 * @param id the {@code iot_events.id}
 * @param text the text to embed; {@code null} when the expression yields NULL
 * @param textHash md5 of the text, computed by the database
 */
public record EventText(long id, @Nullable String text, String textHash) {

}
