package io.github.iotembeddings.job;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * Proves which process owns a running execution: while a run lasts, its process holds a PostgreSQL
 * session-level advisory lock keyed on the execution id. The lock dies with the session, so an
 * execution still marked STARTED whose lock can be taken belongs to a process that is gone (killed,
 * crashed, its host lost) and may be recovered and restarted.
 */
class RunOwnership implements JobExecutionListener {

	private static final Log logger = LogFactory.getLog(RunOwnership.class);

	/** First half of the two-part advisory lock key: this tool's namespace. */
	private static final int LOCK_NAMESPACE = 0x1E7E_0001;

	private final DataSource dataSource;

	private final Map<Long, Connection> held = new ConcurrentHashMap<>();

	RunOwnership(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	@Override
	public void beforeJob(JobExecution execution) {
		try {
			Connection connection = dataSource.getConnection();
			if (!tryLock(connection, execution.getId())) {
				connection.close();
				throw new IllegalStateException("execution " + execution.getId() + " is already owned by another process");
			}
			held.put(execution.getId(), connection);
		}
		catch (SQLException ex) {
			throw new DataAccessResourceFailureException("cannot take the run lock of execution " + execution.getId(), ex);
		}
	}

	@Override
	public void afterJob(JobExecution execution) {
		Connection connection = held.remove(execution.getId());
		if (connection == null) {
			return;
		}
		try (connection; PreparedStatement unlock = connection.prepareStatement("select pg_advisory_unlock(?, ?)")) {
			unlock.setInt(1, LOCK_NAMESPACE);
			unlock.setInt(2, (int) execution.getId());
			unlock.execute();
		}
		catch (SQLException ex) {
			// Closing the session releases the lock anyway.
			logger.debug("releasing the run lock of execution " + execution.getId() + " failed", ex);
		}
	}

	/** @return the executions running in this process */
	Set<Long> ownedHere() {
		return Set.copyOf(held.keySet());
	}

	/**
	 * @param executionId an execution marked as running
	 * @return whether a live session holds its run lock
	 */
	boolean isOwnedByALiveProcess(long executionId) {
		try (Connection connection = dataSource.getConnection()) {
			if (!tryLock(connection, executionId)) {
				return true;
			}
			try (PreparedStatement unlock = connection.prepareStatement("select pg_advisory_unlock(?, ?)")) {
				unlock.setInt(1, LOCK_NAMESPACE);
				unlock.setInt(2, (int) executionId);
				unlock.execute();
			}
			return false;
		}
		catch (SQLException ex) {
			throw new DataAccessResourceFailureException("cannot check the run lock of execution " + executionId, ex);
		}
	}

	private static boolean tryLock(Connection connection, long executionId) throws SQLException {
		try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_lock(?, ?)")) {
			lock.setInt(1, LOCK_NAMESPACE);
			lock.setInt(2, (int) executionId);
			try (ResultSet result = lock.executeQuery()) {
				result.next();
				return result.getBoolean(1);
			}
		}
	}

}
