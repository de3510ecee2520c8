package io.github.iotembeddings.run;

import java.time.Duration;
import java.util.Optional;

import io.github.iotembeddings.executions.FailureCause;
import io.github.iotembeddings.job.EmbeddingJob;
import io.github.iotembeddings.job.VectorSources;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

/**
 * What a pass did: the one result every entry point reads (the command line, the scheduler, the admin API,
 * the console, the reports' after-run work).
 *
 * @param request what was asked
 * @param outcome whether an execution ran, and if not, why
 * @param execution the ended execution when one ran and Batch recorded its end, else {@code null}
 * @param interrupted for {@link Outcome#FAILED}: the execution the pass launched before it failed, if any (it
 * may still be marked STARTED: the next sync over its events resumes it)
 * @param cause for {@link Outcome#FAILED}: why, in one line
 */
public record PassResult(PassRequest request, Outcome outcome, @Nullable JobExecution execution,
		@Nullable Long interrupted, @Nullable String cause) {

	static PassResult ran(PassRequest request, JobExecution execution) {
		return new PassResult(request, Outcome.RAN, execution, null, null);
	}

	static PassResult without(PassRequest request, Outcome outcome) {
		return new PassResult(request, outcome, null, null, null);
	}

	static PassResult failed(PassRequest request, @Nullable Long interrupted, String cause) {
		return new PassResult(request, Outcome.FAILED, null, interrupted, cause);
	}

	/** @return the ended execution, empty when none ran (another run was in progress, nothing to do, or a failure) */
	public Optional<JobExecution> ran() {
		return Optional.ofNullable(execution);
	}

	/** @return whether nothing failed: an execution that completed, or none needed */
	public boolean completed() {
		return outcome != Outcome.FAILED && (execution == null || execution.getStatus() == BatchStatus.COMPLETED);
	}

	public long eventsWritten() {
		return (execution != null) ? execution.getStepExecutions().stream().mapToLong(StepExecution::getWriteCount).sum()
				: 0;
	}

	public long eventsSkipped() {
		return (execution != null)
				? execution.getStepExecutions().stream().mapToLong(StepExecution::getSkipCount).sum() : 0;
	}

	/** @return how many vectors the model computed and how many were copied; none when no execution ran */
	public VectorSources vectorSources() {
		return (execution != null) ? VectorSources.of(execution) : VectorSources.NONE;
	}

	public Duration duration() {
		return (execution != null && execution.getStartTime() != null && execution.getEndTime() != null)
				? Duration.between(execution.getStartTime(), execution.getEndTime()) : Duration.ZERO;
	}

	/**
	 * @return whether it was a backfill: asked as one, or the restart of an execution a backfill started
	 * (a restart keeps its instance's mode)
	 */
	public boolean isBackfill() {
		String recorded = (execution != null) ? execution.getJobParameters().getString(EmbeddingJob.MODE) : null;
		return (recorded != null) ? PassRequest.Mode.BACKFILL.recordedAs().equals(recorded)
				: request.mode() == PassRequest.Mode.BACKFILL;
	}

	/** @return the mode, with the partition when the run covered one share of the events */
	public String name() {
		String partition = (execution != null) ? execution.getJobParameters().getString(EmbeddingJob.PARTITION) : null;
		String mode = request.mode().recordedAs();
		return (partition != null) ? mode + " (partition " + partition + ")" : mode;
	}

	/**
	 * @return for a pass that did not complete, in one line: which execution, its status, the first
	 * failure (the lock's holder when a lock wait timed out), and how it is resumed; empty otherwise
	 */
	public String failure() {
		if (outcome == Outcome.FAILED) {
			return (interrupted == null) ? name() + " failed: " + cause
					: name() + " execution " + interrupted + " was interrupted: " + cause
							+ "; committed chunks are kept, the next sync resumes it (or: restart " + interrupted + ")";
		}
		if (execution == null || completed()) {
			return "";
		}
		return name() + " execution " + execution.getId() + " " + execution.getStatus() + ": "
				+ FailureCause.of(execution) + "; committed chunks are kept, resume with: restart " + execution.getId();
	}

	/** Whether a pass ran an execution, and if not, why. */
	public enum Outcome {

		/** It launched an execution, and Batch recorded how it ended. */
		RAN,

		/** Another run over the same events was in progress: that run embeds what is pending. */
		BUSY,

		/** It found nothing to embed and launched no execution. */
		NOTHING_TO_DO,

		/**
		 * It failed before it could launch, or while Batch recorded the end of what it launched (the database
		 * went away mid-way): nothing half-written stays, and the next run goes on.
		 */
		FAILED

	}

}
