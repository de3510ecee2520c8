package io.github.iotembeddings.executions;

import java.time.Duration;
import java.time.LocalDateTime;

import org.jspecify.annotations.Nullable;

/**
 * One job execution as the Batch metadata tables record it.
 *
 * @param id the job execution id, the one {@code restart} takes
 * @param status the Batch status (COMPLETED, FAILED, STARTED, ...)
 * @param mode {@code backfill} or {@code sync}
 * @param limit the limit it ran with, or {@code null} for none
 * @param chunkSize events per chunk
 * @param model the model the run embedded with
 * @param read events read
 * @param written events embedded and written
 * @param skipped events skipped
 * @param startTime when it started, or {@code null} if it never did
 * @param endTime when it ended, or {@code null} while running (or after a crash)
 * @param exitMessage the first line of the exit description, empty when there is none
 */
public record ExecutionSummary(long id, String status, @Nullable String mode, @Nullable Long limit,
		@Nullable Long chunkSize, @Nullable String model, long read, long written, long skipped, @Nullable LocalDateTime startTime,
		@Nullable LocalDateTime endTime, String exitMessage) {

	/** @return how long it ran, or {@code null} when it has no start or end */
	public @Nullable Duration duration() {
		return (startTime != null && endTime != null) ? Duration.between(startTime, endTime) : null;
	}

	/** @return events written per second of the run, or {@code null} when it has no duration */
	public @Nullable Double rowsPerSecond() {
		Duration duration = duration();
		return (duration == null) ? null : written / Math.max(duration.toMillis() / 1000.0, 0.001);
	}

}
