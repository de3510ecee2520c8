package io.github.iotembeddings.run;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.github.iotembeddings.common.Messages;
import io.github.iotembeddings.job.EmbeddingJobParameters;
import io.github.iotembeddings.job.EmbeddingRuns;
import io.github.iotembeddings.job.SyncOutcome;
import io.github.iotembeddings.job.VectorSources;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

/**
 * What a pass did.
 *
 * @param request what was asked
 * @param outcome whether an execution ran, and if not, why
 * @param execution the ended execution, or {@code null} when none ran
 */
public record PassResult(PassRequest request, SyncOutcome.Kind outcome, @Nullable JobExecution execution) {

	PassResult(PassRequest request, JobExecution execution) {
		this(request, SyncOutcome.Kind.RAN, execution);
	}

	PassResult(PassRequest request, SyncOutcome outcome) {
		this(request, outcome.kind(), outcome.execution());
	}

	/** @return the ended execution, empty when none ran (another run was in progress, or nothing to do) */
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

	/** @return how many vectors the model computed and how many were copied; none when no execution ran */
	public VectorSources vectorSources() {
		return (execution != null) ? VectorSources.of(execution) : VectorSources.NONE;
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
