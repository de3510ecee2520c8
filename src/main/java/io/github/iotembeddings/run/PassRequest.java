package io.github.iotembeddings.run;

import java.time.LocalDateTime;

import io.github.iotembeddings.events.Partition;
import org.jspecify.annotations.Nullable;

/**
 * What an entry point asks of an embedding pass. Built with the factory methods, one per mode.
 *
 * @param mode what kind of pass
 * @param limit backfill only: the most events to embed over all partitions
 * @param partition the share of the events to embed
 * @param executionId restart only: the execution to resume
 * @param fireTime scheduled syncs only: the fire time, an identifying job parameter (null for the
 * extra passes a scheduler makes when changes came in during one)
 * @param onDemand asked for by a person or a client (CLI, admin API), not by a timer: its reports are
 * written even when it changed nothing, so they always describe the latest run someone looked for
 */
public record PassRequest(Mode mode, @Nullable Long limit, Partition partition, @Nullable Long executionId,
		@Nullable LocalDateTime fireTime, boolean onDemand) {

	public static PassRequest backfill(long limit, Partition partition) {
		return new PassRequest(Mode.BACKFILL, limit, partition, null, null, true);
	}

	public static PassRequest sync(Partition partition) {
		return new PassRequest(Mode.SYNC, null, partition, null, null, true);
	}

	public static PassRequest scheduledSync(@Nullable LocalDateTime fireTime) {
		return new PassRequest(Mode.SCHEDULED_SYNC, null, Partition.WHOLE, null, fireTime, false);
	}

	/** A full check of every event first, then a sync of what it queued; also what the nightly check runs. */
	public static PassRequest reconcile(Partition partition, boolean onDemand) {
		return new PassRequest(Mode.RECONCILE, null, partition, null, null, onDemand);
	}

	public static PassRequest restart(long executionId) {
		return new PassRequest(Mode.RESTART, null, Partition.WHOLE, executionId, null, true);
	}

	/** The kinds of pass; {@link #recordedAs()} is the {@code mode} job parameter. */
	public enum Mode {

		/** The newest pending events up to a limit; waits for a run in progress. */
		BACKFILL("backfill"),

		/** Every pending event; does nothing while another run is in progress (it embeds them). */
		SYNC("sync"),

		/** A sync fired by the scheduler. */
		SCHEDULED_SYNC("schedule"),

		/** A full check of every event (text hashes, models, missing rows), then a sync of what it found. */
		RECONCILE("reconcile"),

		/** A failed or stopped execution, resumed after its last committed chunk. */
		RESTART("restart");

		private final String recordedAs;

		Mode(String recordedAs) {
			this.recordedAs = recordedAs;
		}

		public String recordedAs() {
			return recordedAs;
		}

	}

}
