package io.github.iotembeddings.executions;

import java.time.Duration;
import java.time.LocalDateTime;

import org.jspecify.annotations.Nullable;

/**
 * One step execution as the Batch metadata records it.
 *
 * @param id the step execution id
 * @param name the step's name
 * @param status its Batch status
 * @param read items read
 * @param written items written
 * @param commits chunks committed
 * @param rollbacks chunks rolled back
 * @param skipped items skipped in reading, processing or writing
 * @param filtered items the processor filtered out
 * @param startTime when it started
 * @param endTime when it ended, or {@code null} while it runs
 * @param exitCode its exit code (COMPLETED, FAILED, STOPPED, ...)
 * @param exitMessage its whole exit description, empty when there is none
 */
public record StepSummary(long id, String name, String status, long read, long written, long commits,
		long rollbacks, long skipped, long filtered, @Nullable LocalDateTime startTime,
		@Nullable LocalDateTime endTime, String exitCode, String exitMessage) {

	/** @return how long it ran, or {@code null} when it has no start or end */
	public @Nullable Duration duration() {
		return (startTime != null && endTime != null) ? Duration.between(startTime, endTime) : null;
	}

}
