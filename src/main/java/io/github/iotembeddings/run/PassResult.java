package io.github.iotembeddings.run;

import java.time.Duration;
import java.util.Optional;

import io.github.iotembeddings.common.Messages;
import io.github.iotembeddings.job.EmbeddingJobParameters;
import io.github.iotembeddings.job.EmbeddingRuns;
import io.github.iotembeddings.job.FailureCause;
import io.github.iotembeddings.job.RunOutcome;
import io.github.iotembeddings.job.VectorSources;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

/**
 * What a pass did.
 *
 * @param request what was asked
 * @param run what the run did: an ended execution, or why there was none
 */
public record PassResult(PassRequest request, RunOutcome run) {

	/**
	 * @param request what was asked
	 * @param failure why the pass could not run (the database could not be reached)
	 * @return a pass that failed before it launched anything
	 */
	static PassResult failed(PassRequest request, Throwable failure) {
		return new PassResult(request, new RunOutcome(RunOutcome.Kind.FAILED, null, null, Messages.ofRootCause(failure)));
	}

	/** @return whether an execution ran, and if not, why */
	public RunOutcome.Kind outcome() {
		return run.kind();
	}

	/** @return the ended execution, empty when none ran (another run was in progress, nothing to do, or a failure) */
	public Optional<JobExecution> ran() {
		return Optional.ofNullable(run.execution());
	}

	/** @return whether nothing failed: an execution that completed, or none needed */
	public boolean completed() {
		JobExecution execution = run.execution();
		return run.kind() != RunOutcome.Kind.FAILED
				&& (execution == null || execution.getStatus() == BatchStatus.COMPLETED);
	}

	public long eventsWritten() {
		JobExecution execution = run.execution();
		return (execution != null) ? EmbeddingRuns.eventsWritten(execution) : 0;
	}

	public long eventsSkipped() {
		JobExecution execution = run.execution();
		return (execution != null)
				? execution.getStepExecutions().stream().mapToLong(StepExecution::getSkipCount).sum() : 0;
	}

	/** @return how many vectors the model computed and how many were copied; none when no execution ran */
	public VectorSources vectorSources() {
		JobExecution execution = run.execution();
		return (execution != null) ? VectorSources.of(execution) : VectorSources.NONE;
	}

	public Duration duration() {
		JobExecution execution = run.execution();
		return (execution != null && execution.getStartTime() != null && execution.getEndTime() != null)
				? Duration.between(execution.getStartTime(), execution.getEndTime()) : Duration.ZERO;
	}

	/**
	 * @return whether it was a backfill: asked as one, or the restart of an execution a backfill started
	 * (a restart keeps its instance's mode)
	 */
	public boolean isBackfill() {
		JobExecution execution = run.execution();
		String recorded = (execution != null) ? execution.getJobParameters().getString(EmbeddingJobParameters.MODE)
				: null;
		return (recorded != null) ? PassRequest.Mode.BACKFILL.recordedAs().equals(recorded)
				: request.mode() == PassRequest.Mode.BACKFILL;
	}

	/** @return the mode, with the partition when the run covered one share of the events */
	public String name() {
		JobExecution execution = run.execution();
		String partition = (execution != null)
				? execution.getJobParameters().getString(EmbeddingJobParameters.PARTITION) : null;
		String mode = request.mode().recordedAs();
		return (partition != null) ? mode + " (partition " + partition + ")" : mode;
	}

	/**
	 * @return for a pass that did not complete, in one line: which execution, its status, the first
	 * failure (the lock's holder when a lock wait timed out), and how it is resumed; empty otherwise
	 */
	public String failure() {
		JobExecution execution = run.execution();
		if (run.kind() == RunOutcome.Kind.FAILED) {
			Long interrupted = run.interrupted();
			return (interrupted == null) ? name() + " failed: " + run.cause()
					: name() + " execution " + interrupted + " was interrupted: " + run.cause()
							+ "; committed chunks are kept, the next sync resumes it (or: restart " + interrupted + ")";
		}
		if (execution == null || completed()) {
			return "";
		}
		return name() + " execution " + execution.getId() + " " + execution.getStatus() + ": "
				+ FailureCause.of(execution) + "; committed chunks are kept, resume with: restart " + execution.getId();
	}

}
