package io.github.iotembeddings.locks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;

import javax.sql.DataSource;

import io.github.iotembeddings.common.Messages;
import io.github.iotembeddings.config.BackgroundThreads;
import io.github.iotembeddings.config.SessionBounds;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * The sessions that hold a run's advisory locks (the run lease, the execution's ownership). A session
 * lock lives as long as the server thinks its session does, so a client that lost its network would leave
 * the lock held, and every later run blocked, until the server noticed. Each lock session therefore asks
 * the server to end it when idle for {@code embeddings.database.lock-session-timeout}
 * ({@code idle_session_timeout}), and sends a heartbeat four times in that span. A heartbeat that fails
 * means the lock may be gone or soon will be: the session is marked lost, and the run that relies on it
 * stops at its next chunk ({@link #requireAlive()}), well before the server releases the lock to another
 * run, so no event is embedded by two runs at once.
 */
@Component
public class LockSessions implements ChunkListener<Object, Object> {

	private static final Log logger = LogFactory.getLog(LockSessions.class);

	private final DataSource dataSource;

	private final SessionBounds bounds;

	private final Set<LockSession> open = ConcurrentHashMap.newKeySet();

	private final TaskScheduler heartbeats;

	/** The heartbeats, while sessions are open: a command that opens none starts no thread for them. */
	private @Nullable ScheduledFuture<?> beating;

	LockSessions(DataSource dataSource, SessionBounds bounds,
			@Qualifier(BackgroundThreads.LOCK_HEARTBEATS) TaskScheduler heartbeats) {
		this.dataSource = dataSource;
		this.bounds = bounds;
		this.heartbeats = heartbeats;
	}

	/** @return a new lock session; the caller closes it */
	LockSession open() throws SQLException {
		Connection connection = dataSource.getConnection();
		try {
			try (Statement statement = connection.createStatement()) {
				statement.execute(bounds.lockSessionSql());
			}
			LockSession session = new LockSession(connection);
			opened(session);
			return session;
		}
		catch (SQLException | RuntimeException ex) {
			connection.close();
			throw ex;
		}
	}

	private synchronized void opened(LockSession session) {
		if (beating == null) {
			Duration period = heartbeatPeriod();
			beating = heartbeats.scheduleWithFixedDelay(this::beat, Instant.now().plus(period), period);
		}
		open.add(session);
	}

	private synchronized void closed(LockSession session) {
		open.remove(session);
		if (open.isEmpty() && beating != null) {
			beating.cancel(false);
			beating = null;
		}
	}

	/** Before each chunk of a run: a run whose lock may have passed to another must not write what that one will. */
	@Override
	public void beforeChunk(Chunk<Object> chunk) {
		requireAlive();
	}

	/**
	 * @throws LockLostException when a lock session of this process has lost its connection: its locks may
	 * already belong to another process
	 */
	void requireAlive() {
		for (LockSession session : open) {
			if (session.lost != null) {
				throw new LockLostException("the connection that holds this run's lock went silent ("
						+ session.lost + "), so another run may take over its events: stopping here; the next sync"
						+ " goes on from the last committed chunk");
			}
		}
	}

	private Duration heartbeatPeriod() {
		return bounds.properties().lockSessionTimeout().dividedBy(4);
	}

	private void beat() {
		for (LockSession session : open) {
			session.beat((int) Math.max(1_000, heartbeatPeriod().toMillis()));
		}
	}

	/** A connection that holds advisory locks; closing it releases them. */
	final class LockSession implements AutoCloseable {

		private final Connection connection;

		private volatile String lost;

		private LockSession(Connection connection) {
			this.connection = connection;
		}

		/**
		 * @param sql a query returning one boolean: whether the lock was taken
		 * @param keys the lock's two keys
		 * @return its answer
		 */
		synchronized boolean lock(String sql, int... keys) throws SQLException {
			try (PreparedStatement statement = connection.prepareStatement(sql)) {
				for (int i = 0; i < keys.length; i++) {
					statement.setInt(i + 1, keys[i]);
				}
				try (ResultSet result = statement.executeQuery()) {
					result.next();
					return result.getBoolean(1);
				}
			}
		}

		/** @return why the session is lost, or null while it is alive */
		String lost() {
			return lost;
		}

		private synchronized void beat(int timeoutMillis) {
			if (lost != null) {
				return;
			}
			try {
				connection.setNetworkTimeout(Runnable::run, timeoutMillis);
				try (Statement statement = connection.createStatement()) {
					statement.execute("select 1");
				}
			}
			catch (SQLException ex) {
				lost = Messages.firstLine(ex);
				logger.warn("A session holding an embedding run's lock stopped answering: " + lost);
			}
		}

		/** Releases the locks (ending the session's use); a session already lost is closed without a word to it. */
		@Override
		public synchronized void close() {
			closed(this);
			try {
				if (lost == null) {
					connection.setNetworkTimeout(Runnable::run,
							(int) Math.max(1_000, heartbeatPeriod().toMillis()));
					// Back in the pool, the connection is an ordinary one again.
					try (Statement unlock = connection.createStatement()) {
						unlock.execute("select pg_advisory_unlock_all(), set_config('idle_session_timeout', '0', false)");
					}
				}
			}
			catch (SQLException ignored) {
				// closing the session releases them anyway
			}
			finally {
				abortOrClose();
			}
		}

		/** A lost connection is aborted rather than returned to the pool, where the next user would wait on it. */
		private void abortOrClose() {
			try {
				if (lost != null) {
					connection.abort(Runnable::run);
				}
				connection.close();
			}
			catch (SQLException ignored) {
				// nothing more to release on this side
			}
		}

	}

	/** The run's lock session lost its connection. */
	static class LockLostException extends IllegalStateException {

		LockLostException(String message) {
			super(message);
		}

	}

}
