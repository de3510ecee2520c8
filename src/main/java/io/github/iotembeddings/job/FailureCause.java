package io.github.iotembeddings.job;

import java.util.List;

import io.github.iotembeddings.common.Messages;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * Puts the real cause of a failed run on the first line of its exit description. Batch stores the
 * description cut at 2,500 characters and starts it with the stack trace of the step's wrapper
 * exception, so the cause ("Connection refused", "disk full") fell beyond the cut; the executions list,
 * the console and the reports show that first line.
 */
class FailureCause implements JobExecutionListener {

	static final String PREFIX = "cause: ";

	@Override
	public void afterJob(JobExecution execution) {
		List<Throwable> failures = execution.getAllFailureExceptions();
		ExitStatus exit = execution.getExitStatus();
		if (failures.isEmpty() || exit.getExitDescription().startsWith(PREFIX)) {
			return;
		}
		execution.setExitStatus(new ExitStatus(exit.getExitCode(),
				PREFIX + Messages.ofRootCause(failures.get(0)) + "\n" + exit.getExitDescription()));
	}

}
