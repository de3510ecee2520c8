package io.github.iotembeddings.locks;

import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;

/**
 * Proves which process owns a running execution: while a run lasts, its process holds a PostgreSQL
 * session-level advisory lock keyed on the execution id, on a {@link LockSessions lock session}. The lock
 * dies with the session, so an execution still marked STARTED whose lock can be taken belongs to a
 * process that is gone (killed, crashed, its host lost, its network cut) and may be recovered and
 * restarted.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RunOwnership implements JobExecutionListener {

	/** First half of the two-part advisory lock key: this tool's namespace. */
	private static final int LOCK_NAMESPACE = 0x1E7E_0001;

	private static final String TRY_LOCK = "select pg_try_advisory_lock(?, ?)";

	private final LockSessions sessions;

	private final Map<Long, LockSessions.LockSession> held = new ConcurrentHashMap<>();

	/** The execution each thread started last, so a launch that failed with an exception can name it. */
	private final ThreadLocal<Long> startedHere = new ThreadLocal<>();

	RunOwnership(LockSessions sessions) {
		this.sessions = sessions;
	}

	@Override
	public void beforeJob(JobExecution execution) {
		LockSessions.LockSession session = open(execution.getId());
		try {
			if (!session.lock(TRY_LOCK, LOCK_NAMESPACE, (int) execution.getId())) {
				session.close();
				throw new IllegalStateException("execution " + execution.getId() + " is already owned by another process");
			}
		}
		catch (SQLException ex) {
			session.close();
			throw new DataAccessResourceFailureException("cannot take the run lock of execution " + execution.getId(), ex);
		}
		held.put(execution.getId(), session);
		startedHere.set(execution.getId());
	}

	@Override
	public void afterJob(JobExecution execution) {
		release(execution.getId());
	}

	/** Before a launch: forgets what this thread started before. */
	public void forgetStartedHere() {
		startedHere.remove();
	}

	/**
	 * After a launch failed with an exception (Batch could not record the run's end): releases the lock of
	 * the execution this thread started, if Batch had not, so a live process never keeps a dead run's lock
	 * and the next sync can resume it.
	 * @return that execution, or null when none was started
	 */
	public @Nullable Long releaseStartedHere() {
		Long executionId = startedHere.get();
		startedHere.remove();
		if (executionId != null) {
			release(executionId);
		}
		return executionId;
	}

	private void release(long executionId) {
		LockSessions.LockSession session = held.remove(executionId);
		if (session != null) {
			session.close();
		}
	}

	/** @return the executions running in this process */
	public Set<Long> ownedHere() {
		return Set.copyOf(held.keySet());
	}

	/**
	 * @param executionId an execution marked as running
	 * @return whether a live session holds its run lock
	 */
	public boolean isOwnedByALiveProcess(long executionId) {
		try (LockSessions.LockSession session = open(executionId)) {
			// Taken here means nobody held it; closing the session releases it again.
			return !session.lock(TRY_LOCK, LOCK_NAMESPACE, (int) executionId);
		}
		catch (SQLException ex) {
			throw new DataAccessResourceFailureException("cannot check the run lock of execution " + executionId, ex);
		}
	}

	private LockSessions.LockSession open(long executionId) {
		try {
			return sessions.open();
		}
		catch (SQLException ex) {
			throw new DataAccessResourceFailureException("cannot take the run lock of execution " + executionId, ex);
		}
	}

}
