package io.github.iotembeddings.sync;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * How far the embeddings are behind the events, at one moment, from figures that cost what is pending:
 * table sizes are the planner's estimates, what is pending is counted where the next sync looks for it,
 * stale rows are the last full check's finding.
 *
 * @param events rows in iot_events (estimate)
 * @param embedded rows in event_embeddings (estimate)
 * @param pending what the next sync reads
 * @param failing events in the errors list
 * @param checkedThrough every event through this id had an embedding when the last sync ended; null
 * before the first sync
 * @param lastSync when a sync last ended or found nothing to do; null before the first
 * @param lastFullCheck the last full check of all events, or null when none has run
 * @param measuredAt when this was measured
 */
public record Backlog(long events, long embedded, PendingWork.Counts pending, long failing,
		@Nullable Long checkedThrough, @Nullable Instant lastSync, @Nullable FullCheckResult lastFullCheck,
		Instant measuredAt) {

	/** @return stale rows at the last full check not queued since; 0 when none has run */
	public long stale() {
		return (lastFullCheck != null) ? lastFullCheck.stale() : 0;
	}

	/** @return embedded rows that are current, as a share of the events, 0 to 100 */
	public double coveragePercent() {
		long current = Math.max(embedded - pending.queued(), 0);
		return (events <= 0) ? 100.0 : Math.min(100.0, 100.0 * current / events);
	}

	/** @return how long the oldest pending work has waited; zero when none is pending */
	public Duration lag() {
		Instant oldest = pending.oldest();
		return (oldest == null) ? Duration.ZERO : Duration.between(oldest, measuredAt).abs();
	}

	/** @return how old the last full check is, or null when none has run */
	public @Nullable Duration fullCheckAge() {
		return (lastFullCheck != null) ? Duration.between(lastFullCheck.finishedAt(), measuredAt).abs() : null;
	}

}
