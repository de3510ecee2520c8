package io.github.iotembeddings.schedule;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import io.github.iotembeddings.sync.ChangeTriggers;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Listens on {@link ChangeTriggers#CHANNEL} and asks for a sync as soon as events change, so an
 * insert is embedded within about a second rather than at the next cron fire time. Notifications that
 * arrive together are coalesced into one sync. The cron schedule stays the safety net: a lost
 * connection only delays embedding to the next fire time, and the listener reconnects. A connection that
 * went silent (a partition, a dead NAT entry) would wait for notifications for ever without an error,
 * so the listener asks the server something every {@value #PING_MILLIS} ms, bounded, and reconnects when
 * it gets no answer.
 */
@Component
@Profile("schedule")
public class EventChangeListener implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(EventChangeListener.class);

	private static final int POLL_MILLIS = 500;

	private static final int COALESCE_MILLIS = 50;

	static final int PING_MILLIS = 10_000;

	private final DataSource dataSource;

	private final EmbeddingScheduler scheduler;

	private volatile boolean running;

	/** When the latest notification arrived ({@link System#nanoTime()}); none yet: the minimum. */
	private volatile long lastChangeNanos = Long.MIN_VALUE;

	private Thread thread;

	EventChangeListener(DataSource dataSource, EmbeddingScheduler scheduler) {
		this.dataSource = dataSource;
		this.scheduler = scheduler;
	}

	public synchronized void start() {
		running = true;
		// A thread of its own, not a pool's: the loop holds it, blocked on its connection, for the process's life.
		thread = new Thread(this::listen, "event-change-listener");
		thread.setDaemon(true);
		thread.start();
	}

	private void listen() {
		while (running) {
			try (Connection connection = dataSource.getConnection()) {
				try (Statement statement = connection.createStatement()) {
					statement.execute("listen " + ChangeTriggers.CHANNEL);
				}
				logger.info("Listening for changes to public.iot_events");
				// Whatever changed while nobody listened (start-up, a reconnect) is caught up at once.
				requestSync();
				PGConnection notifications = connection.unwrap(PGConnection.class);
				long lastPing = System.nanoTime();
				while (running) {
					if (System.nanoTime() - lastPing >= PING_MILLIS * 1_000_000L) {
						ping(connection);
						lastPing = System.nanoTime();
					}
					PGNotification[] received = notifications.getNotifications(POLL_MILLIS);
					if (received != null && received.length > 0) {
						lastChangeNanos = System.nanoTime();
						// Let a burst of statements land, then wake one sync for all of them.
						notifications.getNotifications(COALESCE_MILLIS);
						requestSync();
					}
				}
			}
			catch (SQLException | RuntimeException ex) {
				if (running) {
					logger.warn("Change listener interrupted (" + ex.getMessage()
							+ "); the cron schedule still syncs; reconnecting in 5 s");
					sleepQuietly(5_000);
				}
			}
		}
	}

	/** Fails, within the ping's bound, on a connection the server no longer answers. */
	private static void ping(Connection connection) throws SQLException {
		connection.setNetworkTimeout(Runnable::run, PING_MILLIS);
		try (Statement statement = connection.createStatement()) {
			statement.execute("select 1");
		}
	}

	/**
	 * @param nanos a {@link System#nanoTime()} reading
	 * @return whether a change was notified after it
	 */
	public boolean changedSince(long nanos) {
		return lastChangeNanos - nanos >= 0 && lastChangeNanos != Long.MIN_VALUE;
	}

	/** A sync that cannot be requested now is not lost: the cron schedule still runs one. */
	private void requestSync() {
		try {
			scheduler.syncNow();
		}
		catch (org.quartz.SchedulerException | RuntimeException ex) {
			logger.warn("Could not request a sync after a change (" + ex.getMessage() + "); the cron schedule will run it");
		}
	}

	private static void sleepQuietly(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public synchronized void close() throws InterruptedException {
		running = false;
		if (thread != null) {
			thread.join(2 * POLL_MILLIS + 1_000);
		}
	}

}
