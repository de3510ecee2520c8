package io.github.iotembeddings.status;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.ScheduledFuture;

import javax.sql.DataSource;

import io.github.iotembeddings.common.Messages;
import io.github.iotembeddings.config.BackgroundThreads;
import io.github.iotembeddings.config.ConnectionRouting;
import io.github.iotembeddings.config.ConnectionSettings;
import io.github.iotembeddings.config.HealthProperties;
import io.github.iotembeddings.config.SessionBounds;
import io.github.iotembeddings.schema.DatabasePreflight;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Checks every {@code embeddings.health.probe-interval}, on a connection of its own (not the pool's, which
 * busy or stuck runs may hold), whether the database answers and is migrated for this version: what
 * readiness reports, and what tells the liveness check a database outage (which a restart cannot cure)
 * from a process that is stuck. Probes read the latest result, so a probe never waits on the database.
 * When the database answers again after an outage, it has the pools replace their connections.
 */
@Component
@Profile("web")
public class DatabaseProbe implements InitializingBean, DisposableBean {

	private static final Log logger = LogFactory.getLog(DatabaseProbe.class);

	private final ConnectionSettings connection;

	private final SessionBounds bounds;

	private final DatabasePreflight preflight;

	private final HealthProperties properties;

	private final TaskScheduler timer;

	private final DataSource dataSource;

	private @Nullable ScheduledFuture<?> probing;

	private @Nullable Connection probe;

	private volatile State state = new State(true, true, null, Instant.now(), null);

	DatabaseProbe(ConnectionSettings connection, SessionBounds bounds, DatabasePreflight preflight,
			HealthProperties properties, @Qualifier(BackgroundThreads.DATABASE_PROBE) TaskScheduler timer,
			DataSource dataSource) {
		this.connection = connection;
		this.bounds = bounds;
		this.preflight = preflight;
		this.properties = properties;
		this.timer = timer;
		this.dataSource = dataSource;
	}

	@Override
	public void afterPropertiesSet() {
		probing = timer.scheduleWithFixedDelay(this::check, properties.probeInterval());
	}

	/** @return the latest result */
	public State state() {
		return state;
	}

	/** Checks now; also called by the tests. */
	synchronized void check() {
		boolean reachable;
		boolean migrated = false;
		String problem = null;
		try {
			Connection open = connection();
			migrated = preflight.migrated(new JdbcTemplate(new SingleConnectionDataSource(open, true)));
			reachable = true;
			if (!migrated) {
				problem = "the schema is not migrated for this version: run the migrate command";
			}
		}
		catch (SQLException | RuntimeException ex) {
			reachable = false;
			problem = "the database does not answer: " + Messages.ofRootCause(ex);
			closeProbe();
		}
		State previous = state;
		boolean changed = previous.reachable() != reachable || previous.migrated() != migrated;
		if (changed && problem != null) {
			logger.warn("Not ready: " + problem);
		}
		else if (changed) {
			if (!previous.reachable()) {
				ConnectionRouting.renewConnections(dataSource);
			}
			logger.info("Ready again: the database answers and is migrated"
					+ (previous.reachable() ? "" : "; the connections opened before the outage are being replaced"));
		}
		state = new State(reachable, migrated, problem, changed ? Instant.now() : previous.since(), Instant.now());
	}

	private Connection connection() throws SQLException {
		if (probe == null || probe.isClosed()) {
			Properties driver = bounds.driverProperties("iot-embeddings health");
			// A probe that waits as long as a statement may would answer too late to mean anything.
			driver.setProperty("socketTimeout", String.valueOf(bounds.properties().connectTimeout().toSeconds()));
			if (connection.user() != null) {
				driver.setProperty("user", connection.user());
			}
			if (connection.password() != null) {
				driver.setProperty("password", connection.password());
			}
			probe = DriverManager.getConnection(connection.jdbcUrl(), driver);
		}
		return probe;
	}

	private void closeProbe() {
		if (probe != null) {
			try {
				probe.close();
			}
			catch (SQLException ignored) {
				// it is being replaced
			}
			probe = null;
		}
	}

	@Override
	public synchronized void destroy() {
		// The context shuts the timer down after this bean: no check may open the probe again meanwhile.
		if (probing != null) {
			probing.cancel(false);
		}
		closeProbe();
	}

	/**
	 * The database as the latest probe found it.
	 *
	 * @param reachable whether it answered
	 * @param migrated whether the schema is migrated for this version (false when it did not answer)
	 * @param problem what is wrong, in one line, or null when both hold
	 * @param since when this state began
	 * @param checkedAt when it was checked, or null before the first check
	 */
	public record State(boolean reachable, boolean migrated, @Nullable String problem, Instant since,
			@Nullable Instant checkedAt) {

		/** @return whether requests can be served: reachable and migrated */
		public boolean ready() {
			return reachable && migrated;
		}

		/** @return how long this state has lasted */
		public Duration age() {
			return Duration.between(since, Instant.now());
		}

	}

}
