package io.github.iotembeddings.job;

import org.jspecify.annotations.Nullable;

/**
 * A vector ready to upsert into {@code public.event_embeddings}.
 *
 * @param eventId the {@code iot_events.id} it belongs to
 * @param vector the unit-length embedding
 * @param model the model that produced it
 * @param textHash md5 of the text it was produced from
 * @param text that text, whose keywords are written beside the vector; {@code null} for the empty text
 */
public record EventEmbedding(long eventId, float[] vector, String model, String textHash, @Nullable String text) {

}
