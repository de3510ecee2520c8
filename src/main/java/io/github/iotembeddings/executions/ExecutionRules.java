package io.github.iotembeddings.executions;

import io.github.iotembeddings.job.EmbeddingJob;
import io.github.iotembeddings.locks.RunOwnership;

import io.github.iotembeddings.common.Refusal;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.stereotype.Component;

/**
 * What may be done with an execution of the embedding job: restart, stop, abandon. The actions check
 * with these rules, and the console offers what they allow, so the two cannot disagree.
 */
@Component
public class ExecutionRules {

	private final JobRepository jobRepository;

	private final RunOwnership runOwnership;

	ExecutionRules(JobRepository jobRepository, RunOwnership runOwnership) {
		this.jobRepository = jobRepository;
		this.runOwnership = runOwnership;
	}

	/**
	 * @param executionId an execution id
	 * @return the execution of the embedding job
	 * @throws NoSuchExecutionException when there is none with that id
	 */
	public JobExecution require(long executionId) {
		JobExecution execution = find(executionId);
		if (execution == null || !EmbeddingJob.NAME.equals(execution.getJobInstance().getJobName())) {
			throw new NoSuchExecutionException(executionId);
		}
		return execution;
	}

	/** The JDBC repository throws rather than answering null for an id it does not know. */
	public @Nullable JobExecution find(long executionId) {
		try {
			return jobRepository.getJobExecution(executionId);
		}
		catch (EmptyResultDataAccessException ex) {
			return null;
		}
	}

	/**
	 * Checks, without changing anything, that an execution can be restarted or abandoned: it is the
	 * latest of its instance, and FAILED, STOPPED, or left running by a process that is gone.
	 * @param executionId the execution
	 * @param action what is to be done, for the message
	 * @return the execution
	 * @throws NoSuchExecutionException when there is no such execution of the embedding job
	 * @throws Refusal when it cannot be resumed or given up, saying why
	 */
	public JobExecution resumable(long executionId, String action) {
		JobExecution execution = require(executionId);
		JobExecution latest = jobRepository.getLastJobExecution(execution.getJobInstance());
		if (latest != null && latest.getId() != executionId) {
			throw new Refusal("execution " + executionId + " was already restarted as execution "
					+ latest.getId() + ", which is " + latest.getStatus()
					+ (latest.getStatus() == BatchStatus.COMPLETED ? "" : ": " + action + " " + latest.getId() + " instead"));
		}
		BatchStatus status = execution.getStatus();
		if (status == BatchStatus.COMPLETED || status == BatchStatus.ABANDONED) {
			throw new Refusal("execution " + executionId + " is " + status
					+ ": only FAILED or STOPPED executions can be " + action + "ed");
		}
		if (status.isRunning() && isAlive(execution)) {
			throw new Refusal("execution " + executionId + " is still " + status
					+ " in a running process: wait for it to end, or stop it first");
		}
		return execution;
	}

	/**
	 * @param execution an execution marked STARTING, STARTED or STOPPING
	 * @return whether a live process runs it (its run lock is held)
	 */
	boolean isAlive(JobExecution execution) {
		return runOwnership.isOwnedByALiveProcess(execution.getId());
	}

	/**
	 * @param execution an execution of the embedding job
	 * @param restartedAs the later execution of its instance, if any
	 * @return what may be done with it now
	 */
	ExecutionDetail.Actions actions(JobExecution execution, @Nullable Long restartedAs) {
		BatchStatus status = execution.getStatus();
		if (restartedAs != null || status == BatchStatus.COMPLETED || status == BatchStatus.ABANDONED) {
			return ExecutionDetail.Actions.NONE;
		}
		if (status.isRunning()) {
			boolean alive = isAlive(execution);
			// A run left behind by a dead process is resumed or given up like a failed one.
			return new ExecutionDetail.Actions(!alive, alive && status != BatchStatus.STOPPING, !alive);
		}
		return new ExecutionDetail.Actions(true, false, true);
	}

}
