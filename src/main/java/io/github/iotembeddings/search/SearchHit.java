package io.github.iotembeddings.search;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One event near the query.
 *
 * @param id the {@code iot_events.id}
 * @param similarity cosine similarity to the query, 1 for the same direction
 * @param createdAt the event's {@code created_at}
 * @param text the event's text, as the configured expression gives it now
 */
public record SearchHit(long id, double similarity, @Nullable Instant createdAt, @Nullable String text) {

}
