package io.github.iotembeddings.support;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.github.iotembeddings.config.ConnectionSettings;
import io.github.iotembeddings.config.DotEnvFile;
import org.jspecify.annotations.Nullable;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * The PostgreSQL + pgvector server the integration tests run against: the one {@code DATABASE_URL}
 * (environment, else {@code .env} as scripts/provision-db.sh writes it) points at, or a Testcontainers
 * {@code pgvector/pgvector} container when no URL is given and Docker is available. Each test class gets
 * its own fresh database on it, so the user's data is never touched.
 */
public final class TestDatabaseServer {

	private static final DockerImageName PGVECTOR_IMAGE = DockerImageName.parse("pgvector/pgvector:0.8.0-pg17")
		.asCompatibleSubstituteFor("postgres");

	private static TestDatabaseServer instance;

	private final ConnectionSettings admin;

	private @Nullable String migratedTemplate;

	private TestDatabaseServer(ConnectionSettings admin) {
		this.admin = admin;
	}

	public static synchronized TestDatabaseServer get() {
		if (instance == null) {
			instance = new TestDatabaseServer(resolveAdminConnection());
		}
		return instance;
	}

	/**
	 * @param admin a role that may create databases on another server (a {@link ThrowawayServer})
	 * @return that server, for tests that must restart or break it
	 */
	public static TestDatabaseServer on(ConnectionSettings admin) {
		return new TestDatabaseServer(admin);
	}

	private static ConnectionSettings resolveAdminConnection() {
		Map<String, String> variables = new HashMap<>(DotEnvFile.read(Path.of(".env")));
		variables.putAll(System.getenv());
		if (variables.get("DATABASE_URL") != null) {
			return ConnectionSettings.from(variables);
		}
		if (DockerClientFactory.instance().isDockerAvailable()) {
			PostgreSQLContainer container = new PostgreSQLContainer(PGVECTOR_IMAGE);
			container.start();
			return new ConnectionSettings(container.getJdbcUrl(), container.getUsername(), container.getPassword());
		}
		throw new IllegalStateException("no test database: run scripts/test.sh (it provisions a local PostgreSQL"
				+ " with pgvector), set DATABASE_URL to a server where this role may create databases,"
				+ " or start Docker for Testcontainers");
	}

	/** @return a new, empty database; the caller drops it with {@link TestDatabase#close()} */
	public TestDatabase createDatabase(String purpose) {
		return createDatabase(purpose, "template1");
	}

	/**
	 * @return a new database with the demo events table, empty, and the schema {@code migrate} creates:
	 * a copy of one migrated once per run ({@code migrate} itself is tested in MigrateIntegrationTests);
	 * the caller drops it with {@link TestDatabase#close()}
	 */
	public TestDatabase createMigratedDatabase(String purpose) {
		return createDatabase(purpose, migratedTemplate());
	}

	private synchronized String migratedTemplate() {
		if (migratedTemplate == null) {
			TestDatabase template = createDatabase("template");
			template.createEventsTable();
			CliRun migrate = CliRun.run(template.environment(), "migrate");
			if (migrate.exitCode() != 0) {
				template.close();
				throw new IllegalStateException("cannot migrate the template database: " + migrate);
			}
			Runtime.getRuntime().addShutdownHook(new Thread(template::close, "drop " + template.name()));
			migratedTemplate = template.name();
		}
		return migratedTemplate;
	}

	/**
	 * @param template a database no session is connected to, copied as the new one's contents
	 * @return a new database; the caller drops it with {@link TestDatabase#close()}
	 */
	private TestDatabase createDatabase(String purpose, String template) {
		String name = ("it_" + purpose + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
		adminJdbc().execute("create database " + name + " template " + template);
		String url = admin.jdbcUrl().replaceFirst("(jdbc:postgresql://[^/]+/)[^?]*", "$1" + name);
		return new TestDatabase(this, name, new ConnectionSettings(url, admin.user(), admin.password()));
	}

	void dropDatabase(String name) {
		adminJdbc().execute("drop database if exists " + name + " with (force)");
	}

	JdbcTemplate adminJdbc() {
		return new JdbcTemplate(dataSource(admin));
	}

	static SimpleDriverDataSource dataSource(ConnectionSettings connection) {
		SimpleDriverDataSource dataSource = new SimpleDriverDataSource();
		dataSource.setDriverClass(org.postgresql.Driver.class);
		dataSource.setUrl(connection.jdbcUrl());
		dataSource.setUsername(connection.user());
		dataSource.setPassword(connection.password());
		// As the tool's own sessions do: its tables (batch_job_execution, ...) are found in its schema.
		java.util.Properties properties = new java.util.Properties();
		properties.setProperty("options", "-c search_path=embeddings,public");
		dataSource.setConnectionProperties(properties);
		return dataSource;
	}

}
