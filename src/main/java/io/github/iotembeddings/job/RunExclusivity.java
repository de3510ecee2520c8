package io.github.iotembeddings.job;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.dao.DataAccessResourceFailureException;

/**
 * One embedding run per share of the events at a time, across processes and machines: a run holds
 * PostgreSQL session-level advisory locks from before its launch to its end. Two runs over the same
 * events would read them both and embed them twice; the locks die with their session, so a killed
 * process never blocks the next run.
 *
 * <p>A run over all events holds the database lock exclusively. A partition's run holds it shared,
 * plus its partition's own lock exclusively: partitions run side by side, each one once, and none of
 * them beside a whole run.
 */
class RunExclusivity {

	/** First half of the two-part advisory lock key; RunOwnership uses its own. */
	private static final int LOCK_NAMESPACE = 0x1E7E_0002;

	private static final int PARTITION_LOCK_NAMESPACE = 0x1E7E_0004;

	private final DataSource dataSource;

	RunExclusivity(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/** @return the lease, or empty when another run over these events holds it */
	Optional<Lease> tryAcquire(Partition partition) {
		return lock(partition, false);
	}

	/** Waits for any other run over these events to end, then returns the lease. */
	Lease acquire(Partition partition) {
		return lock(partition, true).orElseThrow();
	}

	private Optional<Lease> lock(Partition partition, boolean wait) {
		Connection connection = null;
		try {
			connection = dataSource.getConnection();
			Lease lease = new Lease(connection, partition);
			if (!take(connection, wait, !partition.isWhole(), LOCK_NAMESPACE, 0)) {
				connection.close();
				return Optional.empty();
			}
			if (!partition.isWhole() && !take(connection, wait, false, PARTITION_LOCK_NAMESPACE, partitionKey(partition))) {
				// The session's end releases the shared lock too.
				connection.close();
				return Optional.empty();
			}
			return Optional.of(lease);
		}
		catch (SQLException ex) {
			closeQuietly(connection);
			throw new DataAccessResourceFailureException("cannot take the embedding run lock", ex);
		}
	}

	/** @return whether the lock was taken; always true when waiting for it */
	private static boolean take(Connection connection, boolean wait, boolean shared, int namespace, int key)
			throws SQLException {
		String function = "pg_" + (wait ? "" : "try_") + "advisory_lock" + (shared ? "_shared" : "");
		// The blocking forms return void: "is null or true" turns that into true.
		String sql = "select " + function + "(?, ?)" + (wait ? " is null or true" : "");
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setInt(1, namespace);
			statement.setInt(2, key);
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				return result.getBoolean(1);
			}
		}
	}

	private static int partitionKey(Partition partition) {
		return partition.count() * Partition.MAX_COUNT + partition.index();
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

	/** The right to run; closing it releases the locks. */
	static final class Lease implements AutoCloseable {

		private final Connection connection;

		private final Partition partition;

		private Lease(Connection connection, Partition partition) {
			this.connection = connection;
			this.partition = partition;
		}

		@Override
		public void close() {
			try (PreparedStatement unlock = connection.prepareStatement("select pg_advisory_unlock_all()")) {
				unlock.execute();
			}
			catch (SQLException ignored) {
				// closing the session below releases them anyway
			}
			finally {
				closeQuietly(connection);
			}
		}

		@Override
		public String toString() {
			return "run lease for " + (partition.isWhole() ? "all events" : "partition " + partition);
		}

	}

}
