package io.github.iotembeddings.config;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The connection pool, built from {@link ConnectionSettings} rather than from {@code spring.datasource.*}
 * properties, so the password never sits in the environment's property sources where it could be
 * printed; every connection with the bounds of {@link DatabaseProperties}.
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
	HikariDataSource dataSource(ConnectionSettings connection, Environment environment, ToolSchema toolSchema,
			SessionBounds bounds) {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setPoolName("iot-embeddings");
		dataSource.setJdbcUrl(connection.jdbcUrl());
		if (connection.user() != null) {
			dataSource.setUsername(connection.user());
		}
		if (connection.password() != null) {
			dataSource.setPassword(connection.password());
		}
		// A run holds up to five at once (chunk transaction, metadata, run lock, run lease, events
		// check); schedule adds Quartz's job store and the change listener. Never let them queue.
		dataSource.setMaximumPoolSize(bounds.properties().poolSize());
		dataSource.setConnectionTimeout(bounds.properties().poolWait().toMillis());
		// A connection is checked before it is handed out after a pause, and idle ones every minute, each
		// check bounded, so a connection that went silent is dropped rather than given to a run.
		dataSource.setValidationTimeout(Math.min(3_000, bounds.properties().connectTimeout().toMillis()));
		dataSource.setKeepaliveTime(60_000);
		// Fail on first use, not at start-up, so the command can report a clean one-line error.
		dataSource.setInitializationFailTimeout(-1);
		// A scheduler is told apart from one-shot commands, so a DBA (and run-local.sh) can see one is running.
		bounds.driverProperties(environment.matchesProfiles("schedule") ? SCHEDULER_APPLICATION_NAME : "iot-embeddings")
			.forEach((name, value) -> dataSource.addDataSourceProperty(name.toString(), value));
		// Batch, Quartz, Liquibase and the tool's own SQL name their tables without a schema.
		dataSource.setConnectionInitSql(toolSchema.searchPathSql() + "; " + bounds.sessionSql());
		return dataSource;
	}

}
