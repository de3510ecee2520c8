package io.github.iotembeddings.run;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.github.iotembeddings.common.Messages;
import io.github.iotembeddings.job.EmbeddingJobParameters;
import io.github.iotembeddings.job.EmbeddingRuns;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

/**
 * What a pass did.
 *
 * @param request what was asked
 * @param execution the ended execution, or {@code null} when the pass did not run because another run
 * over the same events was in progress (a sync's only way to do nothing)
 */
public record PassResult(PassRequest request, @Nullable JobExecution execution) {

	/** @return the ended execution, empty when another run was in progress */
	public Optional<JobExecution> ran() {
		return Optional.ofNullable(execution);
	}

	public boolean completed() {
		return execution == null || execution.getStatus() == BatchStatus.COMPLETED;
	}

	public long eventsWritten() {
		return (execution != null) ? EmbeddingRuns.eventsWritten(execution) : 0;
	}

	public long eventsSkipped() {
		return (execution != null)
				? execution.getStepExecutions().stream().mapToLong(StepExecution::getSkipCount).sum() : 0;
	}

	public Duration duration() {
		return (execution != null && execution.getStartTime() != null && execution.getEndTime() != null)
				? Duration.between(execution.getStartTime(), execution.getEndTime()) : Duration.ZERO;
	}

	/** @return the mode, with the partition when the run covered one share of the events */
	public String name() {
		String partition = (execution != null)
				? execution.getJobParameters().getString(EmbeddingJobParameters.PARTITION) : null;
		String mode = request.mode().recordedAs();
		return (partition != null) ? mode + " (partition " + partition + ")" : mode;
	}

	/**
	 * @return for a run that did not complete: which execution, its status, the first failure, and the
	 * command that resumes it
	 */
	public String failure() {
		if (execution == null) {
			return "";
		}
		List<Throwable> failures = execution.getAllFailureExceptions();
		String reason = failures.isEmpty() ? execution.getExitStatus().getExitCode()
				: Messages.ofRootCause(failures.get(0));
		return name() + " execution " + execution.getId() + " " + execution.getStatus() + ": " + reason
				+ "; committed chunks are kept, resume with: restart " + execution.getId();
	}

}
