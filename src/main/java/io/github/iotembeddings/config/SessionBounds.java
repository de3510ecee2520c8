package io.github.iotembeddings.config;

import java.time.Duration;
import java.util.Properties;

/**
 * What {@link DatabaseProperties} means for one connection: the driver's properties (connect, login and
 * read timeouts, TCP keepalive on the tool's schedule) and the settings each session starts with on the
 * server (statement, lock and idle-in-transaction timeouts, the server's TCP keepalive and user timeout). Set with
 * {@code set_config} after login rather than as a startup {@code options} parameter, which PgBouncer and
 * other poolers refuse.
 *
 * @param properties the bounds
 */
public record SessionBounds(DatabaseProperties properties) {

	/**
	 * @param statementTimeout the server's bound on one statement
	 * @return these bounds with another statement timeout, and the client's read timeout as far beyond it
	 * as it is beyond this one's, for a pool whose statements must end sooner (the requests' pool)
	 */
	public SessionBounds withStatementTimeout(Duration statementTimeout) {
		return new SessionBounds(properties.withStatementTimeout(statementTimeout));
	}

	/**
	 * @param applicationName what {@code pg_stat_activity.application_name} shows
	 * @return the driver's properties for a connection with these bounds (no credentials)
	 */
	public Properties driverProperties(String applicationName) {
		Properties driver = new Properties();
		driver.setProperty("ApplicationName", applicationName);
		driver.setProperty("connectTimeout", String.valueOf(seconds(properties.connectTimeout())));
		driver.setProperty("loginTimeout", String.valueOf(seconds(properties.connectTimeout())));
		driver.setProperty("socketTimeout", String.valueOf(seconds(properties.socketTimeout())));
		driver.setProperty("cancelSignalTimeout", String.valueOf(seconds(properties.connectTimeout())));
		driver.setProperty("tcpKeepAlive", "true");
		driver.setProperty("socketFactory", KeepAliveSocketFactory.class.getName());
		driver.setProperty("socketFactoryArg", KeepAliveSocketFactory.argument(seconds(properties.keepaliveIdle()),
				seconds(properties.keepaliveInterval()), properties.keepaliveCount()));
		return driver;
	}

	/**
	 * @return one statement that sets the server's side of the bounds for the session; the server's
	 * keepalive settings only apply to TCP connections and are accepted (and ignored) on a local socket
	 */
	public String sessionSql() {
		return "select " + String.join(", ", setting("statement_timeout", properties.statementTimeout()),
				setting("lock_timeout", properties.lockTimeout()),
				setting("idle_in_transaction_session_timeout", properties.idleInTransactionTimeout()),
				"set_config('tcp_keepalives_idle', '" + seconds(properties.keepaliveIdle()) + "', false)",
				"set_config('tcp_keepalives_interval', '" + seconds(properties.keepaliveInterval()) + "', false)",
				"set_config('tcp_keepalives_count', '" + properties.keepaliveCount() + "', false)",
				"set_config('tcp_user_timeout', '" + deadPeerMillis() + "', false)");
	}

	/**
	 * Keepalive finds a dead peer only on an idle flow; a session blocked sending a result to a client that
	 * is gone (data unacknowledged) would wait for the kernel's retransmissions, some 15 minutes, holding
	 * its locks. {@code tcp_user_timeout} gives that case the same bound as keepalive.
	 */
	private long deadPeerMillis() {
		return properties.keepaliveIdle().plus(properties.keepaliveInterval().multipliedBy(properties.keepaliveCount()))
			.toMillis();
	}

	/**
	 * @return SQL that ends a session of this tool's advisory locks once it has been idle for the lock
	 * session timeout; its holder sends heartbeats more often than that
	 */
	public String lockSessionSql() {
		return "select " + setting("idle_session_timeout", properties.lockSessionTimeout());
	}

	/**
	 * @param local for the current transaction only, else for the session
	 * @param waitForLocks whether lock waits get the long bound too: an index build legitimately waits for
	 * the transactions older than it; other long statements wait for a lock no longer than usual
	 * @return SQL that lifts the statement timeout (and the lock timeout) to the long statements' bound
	 */
	public String longStatementSql(boolean local, boolean waitForLocks) {
		String millis = String.valueOf(properties.longStatementTimeout().toMillis());
		return "select set_config('statement_timeout', '" + millis + "', " + local + ")"
				+ (waitForLocks ? ", set_config('lock_timeout', '" + millis + "', " + local + ")" : "");
	}

	/** @return SQL that puts the session's statement and lock timeouts back to the usual bounds */
	public String usualStatementSql() {
		return "select " + setting("statement_timeout", properties.statementTimeout()) + ", "
				+ setting("lock_timeout", properties.lockTimeout());
	}

	private static String setting(String name, Duration value) {
		return "set_config('" + name + "', '" + value.toMillis() + "', false)";
	}

	private static int seconds(Duration duration) {
		return (int) Math.max(1, Math.min(Integer.MAX_VALUE, duration.toSeconds()));
	}

}
