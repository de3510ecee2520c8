package io.github.iotembeddings.job;

import io.github.iotembeddings.events.Partition;
import io.github.iotembeddings.sync.PendingEvents;

import org.springframework.batch.core.job.parameters.JobParameters;

/**
 * The embedding job as Spring Batch's metadata names it: the job's and the step's names, and its
 * parameters' names (as stored in {@code BATCH_JOB_EXECUTION_PARAMS}). Whatever reads or writes those
 * tables uses these.
 */
public final class EmbeddingJob {

	/** The job's name ({@code BATCH_JOB_INSTANCE.JOB_NAME}). */
	public static final String NAME = "embedEvents";

	/** Its one step's name. */
	public static final String STEP_NAME = "embedChunks";

	/** {@code backfill} or {@code sync}. */
	public static final String MODE = "mode";

	/** The most events to embed; absent for no limit. */
	public static final String LIMIT = "limit";

	/** Events per chunk: read, embedded in one model call and committed together. */
	public static final String CHUNK_SIZE = "chunk.size";

	/**
	 * The run's share of the events, {@code I/N} ({@link Partition}); absent when the run is not
	 * partitioned. Identifying, so each partition is its own restartable execution.
	 */
	public static final String PARTITION = "partition";

	/** The model that embedded the run. */
	public static final String MODEL = "model";

	/**
	 * The schedule's fire time for scheduled runs: identifying, so two schedulers can never both run
	 * one fire time.
	 */
	public static final String FIRE_TIME = "fire.time";

	/**
	 * Syncs only: the id through which every event of the share had an embedding when the run was planned
	 * (the highest id then); recorded as the share's watermark when the run completes. Absent for
	 * backfills, which leave the watermark alone.
	 */
	public static final String CHECKED_THROUGH = "sync.checked.through";

	/**
	 * Syncs only: new events are looked for above this id (the last watermark less the late-commit
	 * window); absent when the sync walks every event, as the first one does.
	 */
	public static final String UNEMBEDDED_ABOVE = "sync.unembedded.above";

	/** Makes every launch a new job instance; a restart keeps the failed run's value. */
	public static final String LAUNCHED_AT = "launched.at";

	private EmbeddingJob() {
	}

	/**
	 * @param parameters a run's parameters
	 * @param maxAttempts attempts after which a failing event is no longer retried
	 * @return what the run reads: a sync's plan (new events above its bound, the queue, due retries), or a
	 * backfill's events with no embedding
	 */
	public static PendingEvents pendingEvents(JobParameters parameters, int maxAttempts) {
		return PendingEvents.of(String.valueOf(parameters.getString(MODEL)), maxAttempts, partitionOf(parameters),
				parameters.getLong(UNEMBEDDED_ABOVE), parameters.getLong(CHECKED_THROUGH) != null);
	}

	/** @return the share of the events a run covers */
	public static Partition partitionOf(JobParameters parameters) {
		return Partition.ofParameter(parameters.getString(PARTITION));
	}

}
