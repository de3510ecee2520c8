package io.github.iotembeddings.job;

/**
 * A vector ready to upsert into {@code public.event_embeddings}.
 *
 * @param eventId the {@code iot_events.id} it belongs to
 * @param vector the unit-length embedding
 */
public record EventEmbedding(long eventId, float[] vector) {

}
