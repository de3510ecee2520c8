package io.github.iotembeddings.job;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.dao.DataAccessResourceFailureException;

/**
 * One embedding run per database at a time, across processes and machines: a run holds a PostgreSQL
 * session-level advisory lock from before its launch to its end. Two runs at once would read the same
 * events and embed them twice; the lock dies with its session, so a killed process never blocks the
 * next run.
 */
class RunExclusivity {

	/** First half of the two-part advisory lock key; RunOwnership uses its own. */
	private static final int LOCK_NAMESPACE = 0x1E7E_0002;

	private final DataSource dataSource;

	RunExclusivity(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/** @return the lease, or empty when another run holds it */
	Optional<Lease> tryAcquire() {
		return lock("select pg_try_advisory_lock(?, 0)");
	}

	/** Waits for any other run to end, then returns the lease. */
	Lease acquire() {
		return lock("select pg_advisory_lock(?, 0) is null or true").orElseThrow();
	}

	private Optional<Lease> lock(String sql) {
		Connection connection = null;
		try {
			connection = dataSource.getConnection();
			try (PreparedStatement statement = connection.prepareStatement(sql)) {
				statement.setInt(1, LOCK_NAMESPACE);
				try (ResultSet result = statement.executeQuery()) {
					result.next();
					if (result.getBoolean(1)) {
						return Optional.of(new Lease(connection));
					}
				}
			}
			connection.close();
			return Optional.empty();
		}
		catch (SQLException ex) {
			closeQuietly(connection);
			throw new DataAccessResourceFailureException("cannot take the embedding run lock", ex);
		}
	}

	private static void closeQuietly(Connection connection) {
		if (connection != null) {
			try {
				connection.close();
			}
			catch (SQLException ignored) {
				// the session's end releases the lock anyway
			}
		}
	}

	/** The right to run; closing it releases the lock. */
	static final class Lease implements AutoCloseable {

		private final Connection connection;

		private Lease(Connection connection) {
			this.connection = connection;
		}

		@Override
		public void close() {
			try (PreparedStatement unlock = connection.prepareStatement("select pg_advisory_unlock(?, 0)")) {
				unlock.setInt(1, LOCK_NAMESPACE);
				unlock.execute();
			}
			catch (SQLException ignored) {
				// closing the session below releases it anyway
			}
			finally {
				closeQuietly(connection);
			}
		}

	}

}
