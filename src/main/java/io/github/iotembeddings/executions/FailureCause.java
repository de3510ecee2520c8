package io.github.iotembeddings.executions;

import io.github.iotembeddings.locks.LockWaits;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import io.github.iotembeddings.common.Messages;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Puts the real cause of a failed run on the first line of its exit description. Batch stores the
 * description cut at 2,500 characters and starts it with the stack trace of the step's wrapper
 * exception, so the cause ("Connection refused", "disk full") fell beyond the cut; the executions list,
 * the console and the reports show that first line. A run that timed out waiting for a lock names the
 * session that held it ({@link LockWaits}).
 */
@Component
public class FailureCause implements JobExecutionListener {

	static final String PREFIX = "cause: ";

	private final LockWaits lockWaits;

	FailureCause(LockWaits lockWaits) {
		this.lockWaits = lockWaits;
	}

	@Override
	public void afterJob(JobExecution execution) {
		List<Throwable> failures = execution.getAllFailureExceptions();
		ExitStatus exit = execution.getExitStatus();
		if (failures.isEmpty() || exit.getExitDescription().startsWith(PREFIX)) {
			return;
		}
		Throwable failure = failures.get(0);
		Instant started = (execution.getStartTime() != null)
				? execution.getStartTime().atZone(ZoneId.systemDefault()).toInstant() : Instant.EPOCH;
		String cause = lockWaits.blockerOf(failure, started)
			.map(blocker -> blocker + ": " + Messages.ofRootCause(failure))
			.orElseGet(() -> Messages.ofRootCause(failure));
		execution.setExitStatus(new ExitStatus(exit.getExitCode(), PREFIX + cause + "\n" + exit.getExitDescription()));
	}

	/**
	 * @param execution an ended execution
	 * @return why it failed, in one line: its recorded cause, else its first failure, else its exit code
	 */
	public static String of(JobExecution execution) {
		String description = execution.getExitStatus().getExitDescription();
		if (description.startsWith(PREFIX)) {
			return Messages.firstLine(description.substring(PREFIX.length()));
		}
		List<Throwable> failures = execution.getAllFailureExceptions();
		return failures.isEmpty() ? execution.getExitStatus().getExitCode() : Messages.ofRootCause(failures.get(0));
	}

}
