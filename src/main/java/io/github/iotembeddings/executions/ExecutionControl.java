package io.github.iotembeddings.executions;

import io.github.iotembeddings.common.Refusal;
import io.github.iotembeddings.locks.RunOwnership;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobExecutionNotRunningException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.scope.context.JobSynchronizationManager;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;

/**
 * Stops and abandons executions of the embedding job, by the {@link ExecutionRules} the console's
 * offers follow.
 *
 * <p>A stop goes through the job repository, so it reaches a run in any process: Batch's
 * {@code JobOperator.stop} marks the execution STOPPING, and the running step reads that status when it
 * saves its progress after each committed chunk; it then ends STOPPED, with its reader's position saved
 * at that commit, so a restart goes on from there and nothing is lost or written twice.
 */
@Service
public class ExecutionControl {

	private static final Log logger = LogFactory.getLog(ExecutionControl.class);

	private final JobOperator jobOperator;

	private final ExecutionRules rules;

	private final RunOwnership ownership;

	ExecutionControl(JobOperator jobOperator, ExecutionRules rules, RunOwnership ownership) {
		this.jobOperator = jobOperator;
		this.rules = rules;
		this.ownership = ownership;
	}

	/**
	 * Asks every run of this process to stop after its current chunk commits (a stopping scheduler); each
	 * ends STOPPED and can be restarted. Returns at once; the runs end on their own threads.
	 */
	public void stopRunsOfThisProcess() {
		for (long executionId : ownership.ownedHere()) {
			JobExecution execution = rules.find(executionId);
			if (execution != null && execution.isRunning()) {
				try {
					requestStop(execution);
					logger.info("Stopping execution " + executionId + " after its current chunk");
				}
				catch (Exception ex) {
					logger.warn("Cannot stop execution " + executionId + ": " + ex.getMessage());
				}
			}
		}
	}

	/**
	 * Asks a running execution to stop after its current chunk commits; returns at once. It ends STOPPED
	 * and can be restarted.
	 * @param executionId the execution, running in this process or another one
	 * @throws NoSuchExecutionException when there is no such execution of the embedding job
	 * @throws Refusal when it is not running, saying why
	 */
	public void stop(long executionId) {
		JobExecution execution = rules.require(executionId);
		BatchStatus status = execution.getStatus();
		if (status == BatchStatus.STOPPING) {
			throw new Refusal("execution " + executionId
					+ " is already STOPPING: it stops after its current chunk commits");
		}
		if (!status.isRunning()) {
			throw new Refusal("execution " + executionId + " is " + status
					+ ": only a running execution can be stopped");
		}
		if (!rules.isAlive(execution)) {
			// Marked STOPPING, it would wait for a process that is gone; the next sync would resume it anyway.
			throw new Refusal("execution " + executionId + " is marked " + status
					+ " but the process that ran it is gone: restart it to resume it, or abandon it");
		}
		try {
			requestStop(execution);
		}
		catch (JobExecutionNotRunningException ex) {
			throw new Refusal("execution " + executionId + " ended before it could be stopped");
		}
		catch (OptimisticLockingFailureException ex) {
			throw new Refusal("execution " + executionId
					+ " changed while it was being stopped: look at its status and stop it again if it still runs");
		}
		logger.info("Stopping execution " + executionId + " after its current chunk");
	}

	/**
	 * Batch's stop: marks the execution STOPPING in the repository (which is what reaches the run, in
	 * whichever process), then tells the running step of this process's job, which it looks up by name.
	 * The step is job-scoped, so the lookup needs the execution's job scope: without it, it fails after
	 * the execution was marked.
	 */
	void requestStop(JobExecution execution) throws JobExecutionNotRunningException {
		JobSynchronizationManager.register(execution);
		try {
			jobOperator.stop(execution);
		}
		finally {
			JobSynchronizationManager.release();
		}
	}

	/**
	 * Gives up an execution that will not be resumed: it is marked ABANDONED and can no longer be
	 * restarted. The events it did not embed stay pending, and the next sync embeds them.
	 * @param executionId a FAILED or STOPPED execution that was not restarted, or one left running by a
	 * process that is gone
	 * @throws NoSuchExecutionException when there is no such execution of the embedding job
	 * @throws Refusal when it cannot be abandoned, saying why
	 */
	public void abandon(long executionId) {
		JobExecution execution = rules.resumable(executionId, "abandon");
		if (execution.getStatus().isRunning()) {
			execution = jobOperator.recover(execution);
		}
		try {
			jobOperator.abandon(execution);
		}
		catch (JobExecutionAlreadyRunningException ex) {
			throw new Refusal("execution " + executionId + " is " + execution.getStatus()
					+ ": only FAILED or STOPPED executions can be abandoned");
		}
		logger.info("Abandoned execution " + executionId);
	}

}
