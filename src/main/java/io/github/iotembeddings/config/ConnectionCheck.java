package io.github.iotembeddings.config;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import io.github.iotembeddings.common.Messages;

/**
 * Checks the connection before the application starts, so an unreachable server or a refused login is
 * reported in one line naming host, port and database, never the password, instead of surfacing deep
 * inside the start-up of the job repository; and refuses a connection pooler in transaction mode.
 */
public final class ConnectionCheck {

	private ConnectionCheck() {
	}

	/**
	 * @param connection where to connect
	 * @param bounds how long each step may take: a server that accepts the connection and then says
	 * nothing fails the check within them
	 * @throws InvalidConfigurationException when the connection fails, or goes through a pooler in
	 * transaction mode
	 */
	public static void verify(ConnectionSettings connection, SessionBounds bounds) {
		try (Connection first = open(connection, bounds); Connection second = open(connection, bounds)) {
			refuseTransactionPooler(connection, first, second);
		}
		catch (SQLException | RuntimeException ex) {
			if (ex instanceof InvalidConfigurationException invalid) {
				throw invalid;
			}
			// A server that cannot load a preloaded library refuses every login; the settings are fine.
			throw ServerInstallationFailure.recognise(ex, connection.describe())
				.orElseGet(() -> new InvalidConfigurationException("cannot connect to " + connection.describe()
						+ (connection.user() != null ? " as " + connection.user() : "") + ": "
						+ Messages.firstLine(ex.getMessage()) + " (check DATABASE_URL, DATABASE_USER and DATABASE_PASSWORD)"));
		}
	}

	/**
	 * A pooler in transaction mode (PgBouncer's {@code pool_mode = transaction}, Supabase's pooler on port
	 * 6543) hands each transaction whichever server session is free, which breaks what the tool relies on
	 * across the transactions of one session: the advisory locks that keep one run at a time and tell a
	 * live run from a dead one, LISTEN, server-side prepared statements. A session keeps its server
	 * process for its lifetime; so ask one session for its process id, have the other hold a transaction
	 * open (a pooler gives it the process just released, its most recently used), and ask the first
	 * again: another answer is a pooler in transaction mode.
	 */
	private static void refuseTransactionPooler(ConnectionSettings connection, Connection first, Connection second)
			throws SQLException {
		long before = serverProcess(first);
		second.setAutoCommit(false);
		serverProcess(second);
		long after = serverProcess(first);
		second.rollback();
		if (before != after) {
			throw new InvalidConfigurationException(connection.describe() + " is a connection pooler in transaction"
					+ " mode, which breaks the session-level advisory locks, LISTEN and prepared statements the tool"
					+ " relies on: connect through the pooler's session mode (on Supabase: port 5432 of the pooler host)"
					+ " or directly to the database (on Supabase: db.<project-ref>.supabase.co:5432)");
		}
	}

	private static long serverProcess(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("select pg_backend_pid()")) {
			rs.next();
			return rs.getLong(1);
		}
	}

	private static Connection open(ConnectionSettings connection, SessionBounds bounds) throws SQLException {
		Properties properties = bounds.driverProperties("iot-embeddings");
		if (connection.user() != null) {
			properties.setProperty("user", connection.user());
		}
		if (connection.password() != null) {
			properties.setProperty("password", connection.password());
		}
		return DriverManager.getConnection(connection.jdbcUrl(), properties);
	}

}
