package io.github.iotembeddings.config;

import java.time.Duration;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;

/**
 * The connection pools, built from {@link ConnectionSettings} rather than from {@code spring.datasource.*}
 * properties, so the password never sits in the environment's property sources where it could be
 * printed; every connection with the bounds of {@link DatabaseProperties}. One-shot commands have one
 * pool, the job's. The processes that serve HTTP (profile {@code web}) have a second, small one for the
 * threads that serve requests, with its own statement timeout ({@link HttpProperties}), behind
 * {@link ConnectionRouting}.
 */
@Configuration(proxyBeanMethods = false)
class DataSourceConfiguration {

	/** What {@code pg_stat_activity.application_name} shows for a {@code schedule} process's sessions. */
	public static final String SCHEDULER_APPLICATION_NAME = "iot-embeddings schedule";

	@Bean
	ToolSchema toolSchema(Environment environment) {
		return ToolSchema.from(environment);
	}

	@Bean
	SessionBounds sessionBounds(DatabaseProperties properties) {
		return new SessionBounds(properties);
	}

	@Bean(destroyMethod = "close")
	DataSource dataSource(ConnectionSettings connection, Environment environment, ToolSchema toolSchema,
			SessionBounds bounds, HttpProperties http) {
		DatabaseProperties job = bounds.properties();
		// A scheduler is told apart from one-shot commands, so a DBA (and run-local.sh) can see one is running.
		String applicationName = environment.matchesProfiles("schedule") ? SCHEDULER_APPLICATION_NAME : "iot-embeddings";
		// A run holds up to five at once (chunk transaction, metadata, run lock, run lease, events
		// check); schedule adds Quartz's job store and the change listener. Never let them queue.
		HikariDataSource jobPool = pool("iot-embeddings", applicationName, job.poolSize(), job.poolWait(), bounds,
				connection, toolSchema);
		if (!environment.matchesProfiles("web")) {
			return jobPool;
		}
		HikariDataSource requestPool = pool("iot-embeddings-http", HttpProperties.APPLICATION_NAME, http.poolSize(),
				http.poolWait(), bounds.withStatementTimeout(http.statementTimeout()), connection, toolSchema);
		return new ConnectionRouting(jobPool, requestPool);
	}

	/** Both pools in the metrics ({@code hikaricp_connections_pending{pool="iot-embeddings-http"}}, ...). */
	@Bean
	@Profile("web")
	MeterBinder connectionPoolMetrics(DataSource dataSource) {
		return registry -> {
			for (HikariDataSource pool : ConnectionRouting.poolsOf(dataSource)) {
				if (pool.getMetricsTrackerFactory() == null && pool.getMetricRegistry() == null) {
					pool.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
				}
			}
		};
	}

	/** The one place a pool is made: every connection of the tool gets the bounds given. */
	private static HikariDataSource pool(String poolName, String applicationName, int size, Duration wait,
			SessionBounds bounds, ConnectionSettings connection, ToolSchema toolSchema) {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setPoolName(poolName);
		dataSource.setJdbcUrl(connection.jdbcUrl());
		if (connection.user() != null) {
			dataSource.setUsername(connection.user());
		}
		if (connection.password() != null) {
			dataSource.setPassword(connection.password());
		}
		dataSource.setMaximumPoolSize(size);
		dataSource.setConnectionTimeout(wait.toMillis());
		// A connection is checked before it is handed out after a pause, and idle ones every minute, each
		// check bounded (within the wait, which includes the check), so a connection that went silent is
		// dropped rather than given to a run or a request.
		dataSource.setValidationTimeout(Math.min(Math.min(3_000, bounds.properties().connectTimeout().toMillis()),
				wait.toMillis()));
		dataSource.setKeepaliveTime(60_000);
		// Fail on first use, not at start-up, so the command can report a clean one-line error.
		dataSource.setInitializationFailTimeout(-1);
		bounds.driverProperties(applicationName)
			.forEach((name, value) -> dataSource.addDataSourceProperty(name.toString(), value));
		// Batch, Quartz, Liquibase and the tool's own SQL name their tables without a schema.
		dataSource.setConnectionInitSql(toolSchema.searchPathSql() + "; " + bounds.sessionSql());
		return dataSource;
	}

}
