package io.github.iotembeddings.locks;

import io.github.iotembeddings.events.Partition;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;

/**
 * One embedding run per share of the events at a time, across processes and machines: a run holds
 * PostgreSQL session-level advisory locks, on a {@link LockSessions lock session}, from before its launch
 * to its end. Two runs over the same events would read them both and embed them twice; the locks die with
 * their session, so a killed process never blocks the next run.
 *
 * <p>A run over all events holds the database lock exclusively. A partition's run holds it shared,
 * plus its partition's own lock exclusively: partitions run side by side, each one once, and none of
 * them beside a whole run.
 */
@Component
public class RunExclusivity {

	private static final Log logger = LogFactory.getLog(RunExclusivity.class);

	/** First half of the two-part advisory lock key; RunOwnership uses its own. */
	private static final int LOCK_NAMESPACE = 0x1E7E_0002;

	private static final int PARTITION_LOCK_NAMESPACE = 0x1E7E_0004;

	/** How often a run that waits for another asks again: each try is an instant statement, never a wait. */
	private static final Duration WAIT_POLL = Duration.ofSeconds(1);

	private final LockSessions sessions;

	RunExclusivity(LockSessions sessions) {
		this.sessions = sessions;
	}

	/** @return the lease, or empty when another run over these events holds it */
	public Optional<Lease> tryAcquire(Partition partition) {
		LockSessions.LockSession session = open();
		try {
			if (take(session, partition)) {
				return Optional.of(new Lease(session, partition));
			}
		}
		catch (SQLException ex) {
			session.close();
			throw new DataAccessResourceFailureException("cannot take the embedding run lock", ex);
		}
		session.close();
		return Optional.empty();
	}

	/**
	 * Waits for any other run over these events to end, then returns the lease. The wait asks again every
	 * second rather than blocking in the server, so it is never a statement that outlasts the timeouts.
	 * @param whileWaiting called at each ask, to show the caller is waiting, not stuck
	 */
	public Lease acquire(Partition partition, Runnable whileWaiting) {
		boolean said = false;
		while (true) {
			Optional<Lease> lease = tryAcquire(partition);
			if (lease.isPresent()) {
				return lease.get();
			}
			if (!said) {
				logger.info("Another embedding run over these events is in progress on this database: waiting for it to end");
				said = true;
			}
			whileWaiting.run();
			try {
				Thread.sleep(WAIT_POLL.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new DataAccessResourceFailureException("interrupted while waiting for the embedding run lock", ex);
			}
		}
	}

	private LockSessions.LockSession open() {
		try {
			return sessions.open();
		}
		catch (SQLException ex) {
			throw new DataAccessResourceFailureException("cannot take the embedding run lock", ex);
		}
	}

	private static boolean take(LockSessions.LockSession session, Partition partition) throws SQLException {
		String database = partition.isWhole() ? "pg_try_advisory_lock" : "pg_try_advisory_lock_shared";
		if (!session.lock("select " + database + "(?, ?)", LOCK_NAMESPACE, 0)) {
			return false;
		}
		// Closing the session after a refusal releases the shared lock too.
		return partition.isWhole()
				|| session.lock("select pg_try_advisory_lock(?, ?)", PARTITION_LOCK_NAMESPACE, partitionKey(partition));
	}

	private static int partitionKey(Partition partition) {
		return partition.count() * Partition.MAX_COUNT + partition.index();
	}

	/** The right to run; closing it releases the locks. */
	public static final class Lease implements AutoCloseable {

		private final LockSessions.LockSession session;

		private final Partition partition;

		private Lease(LockSessions.LockSession session, Partition partition) {
			this.session = session;
			this.partition = partition;
		}

		@Override
		public void close() {
			session.close();
		}

		@Override
		public String toString() {
			return "run lease for " + (partition.isWhole() ? "all events" : "partition " + partition);
		}

	}

}
