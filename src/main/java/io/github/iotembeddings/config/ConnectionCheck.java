package io.github.iotembeddings.config;

import io.github.iotembeddings.common.Messages;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens and closes one connection before the application starts, so an unreachable server or a refused
 * login is reported in one line naming host, port and database, never the password, instead of
 * surfacing deep inside the start-up of the job repository.
 */
public final class ConnectionCheck {

	private static final int CONNECT_TIMEOUT_SECONDS = 10;

	private ConnectionCheck() {
	}

	/**
	 * @param connection where to connect
	 * @throws InvalidConfigurationException when the connection fails
	 */
	public static void verify(ConnectionSettings connection) {
		Properties properties = new Properties();
		if (connection.user() != null) {
			properties.setProperty("user", connection.user());
		}
		if (connection.password() != null) {
			properties.setProperty("password", connection.password());
		}
		properties.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
		properties.setProperty("ApplicationName", "iot-embeddings");
		try (Connection ignored = DriverManager.getConnection(connection.jdbcUrl(), properties)) {
			// reachable, and the login works
		}
		catch (SQLException | RuntimeException ex) {
			// A server that cannot load a preloaded library refuses every login; the settings are fine.
			throw ServerInstallationFailure.recognise(ex, connection.describe())
				.orElseGet(() -> new InvalidConfigurationException("cannot connect to " + connection.describe()
					+ (connection.user() != null ? " as " + connection.user() : "") + ": " + Messages.firstLine(ex.getMessage())
					+ " (check DATABASE_URL, DATABASE_USER and DATABASE_PASSWORD)"));
		}
	}

}
