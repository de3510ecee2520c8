package io.github.iotembeddings.job;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * Moves a share's watermark when a sync completes, whether it ran through at once or was restarted:
 * only then is every event it covered known to be embedded.
 */
class SyncCompletion implements JobExecutionListener {

	private final SyncPlanner planner;

	SyncCompletion(SyncPlanner planner) {
		this.planner = planner;
	}

	@Override
	public void afterJob(JobExecution execution) {
		JobParameters parameters = execution.getJobParameters();
		Long checkedThrough = parameters.getLong(EmbeddingJobParameters.CHECKED_THROUGH);
		if (execution.getStatus() == BatchStatus.COMPLETED && checkedThrough != null) {
			planner.completed(PendingEvents.partitionOf(parameters), checkedThrough);
		}
	}

}
