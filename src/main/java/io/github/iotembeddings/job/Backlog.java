package io.github.iotembeddings.job;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * How far the embeddings are behind the events, at one moment.
 *
 * @param events rows in iot_events
 * @param embedded rows in event_embeddings
 * @param pending events the next sync would embed: no embedding, or a stale one, and not waiting for a
 * retry (the job's own selection)
 * @param oldestPending when the oldest pending event was created, or null when none is pending
 * @param stale embedded rows made by another model or from a text that has changed since
 * @param failing events in the errors list
 * @param measuredAt when this was measured
 */
public record Backlog(long events, long embedded, long pending, @Nullable Instant oldestPending, long stale, long failing,
		Instant measuredAt) {

	/** @return embedded rows that are current, as a share of the events, 0 to 100 */
	public double coveragePercent() {
		return (events == 0) ? 100.0 : 100.0 * Math.max(embedded - stale, 0) / events;
	}

	/** @return how long the oldest pending event has waited; zero when none is pending */
	public Duration lag() {
		return (oldestPending == null) ? Duration.ZERO : Duration.between(oldestPending, measuredAt).abs();
	}

}
