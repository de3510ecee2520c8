package io.github.iotembeddings.schema;

import java.sql.Connection;
import java.util.Map;

import javax.sql.DataSource;

import io.github.iotembeddings.common.Causes;
import io.github.iotembeddings.config.InvalidConfigurationException;
import io.github.iotembeddings.config.LongStatements;
import io.github.iotembeddings.config.ToolSchema;

import liquibase.exception.LiquibaseException;
import liquibase.exception.ValidationFailedException;
import liquibase.integration.spring.SpringLiquibase;

import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;

/**
 * Applies the Liquibase changelog ({@code liquibase/} in the source tree, {@code db/} in the jar).
 * Liquibase runs only when asked, never as a side effect of starting the application, on one connection
 * with the long statements' bound: its changesets build indexes over the user's tables, which takes
 * minutes at 10M rows (a build cut short by the usual statement timeout leaves an invalid index).
 */
@Component
public class SchemaMigrator {

	static final String CHANGELOG = "classpath:db/changelog.xml";

	/** The id of the changelog's last changeset; commands need it applied. A test keeps it current. */
	static final String LATEST_CHANGESET = "013-hybrid-function-grants";

	private final DataSource dataSource;

	private final ResourceLoader resourceLoader;

	private final JdbcTemplate jdbcTemplate;

	private final DatabasePreflight preflight;

	private final ToolSchemaLayout layout;

	private final ToolSchema schema;

	private final LongStatements longStatements;

	SchemaMigrator(DataSource dataSource, ResourceLoader resourceLoader, JdbcTemplate jdbcTemplate,
			DatabasePreflight preflight, ToolSchemaLayout layout, ToolSchema schema, LongStatements longStatements) {
		this.longStatements = longStatements;
		this.layout = layout;
		this.schema = schema;
		this.dataSource = dataSource;
		this.resourceLoader = resourceLoader;
		this.jdbcTemplate = jdbcTemplate;
		this.preflight = preflight;
	}

	/**
	 * @return how many changesets this call applied and how many were already there
	 */
	public MigrationResult migrate() throws Exception {
		preflight.requireEventsTable();
		preflight.requireVectorExtensionAvailable();
		layout.prepare();
		int before = appliedChangesets();
		Connection connection = DataSourceUtils.getConnection(dataSource);
		try {
			longStatements.onConnection(connection, true, migrating -> {
				try {
					applyChangelog(migrating);
				}
				catch (LiquibaseException ex) {
					throw refused(ex);
				}
				finally {
					// The usual bound is restored on this connection before the pool gets it back.
					if (!migrating.getAutoCommit()) {
						migrating.rollback();
						migrating.setAutoCommit(true);
					}
				}
				return null;
			});
		}
		finally {
			DataSourceUtils.releaseConnection(connection, dataSource);
		}
		int after = appliedChangesets();
		return new MigrationResult(after - before, before);
	}

	private void applyChangelog(Connection connection) throws LiquibaseException {
		SpringLiquibase liquibase = new SpringLiquibase();
		// The connection's search_path starts with the tool's schema, so Liquibase keeps its own tables there.
		liquibase.setChangeLogParameters(Map.of("toolSchema", schema.name()));
		liquibase.setDataSource(new SingleConnectionDataSource(connection, true));
		liquibase.setResourceLoader(resourceLoader);
		liquibase.setChangeLog(CHANGELOG);
		liquibase.afterPropertiesSet();
	}

	private RuntimeException refused(LiquibaseException ex) {
		ValidationFailedException invalid = Causes.find(ex, ValidationFailedException.class);
		if (invalid == null) {
			return new IllegalStateException(ex.getMessage(), ex);
		}
		// Its first line is only "Validation Failed:"; what failed is on the lines below.
		return new InvalidConfigurationException("Liquibase refused the changelog as applied to this database ("
				+ String.join("; ", invalid.getMessage().lines().map(String::strip).filter(line -> !line.isEmpty())
					.skip(1).toList())
				+ "): a changeset that already ran was changed; restore it, or see `"
				+ schema.qualify("databasechangelog") + "`", ex);
	}

	private int appliedChangesets() {
		String changelog = schema.qualify("databasechangelog");
		if (!preflight.exists(changelog)) {
			return 0;
		}
		Integer count = jdbcTemplate.queryForObject("select count(*) from " + changelog, Integer.class);
		return (count != null) ? count : 0;
	}

	/**
	 * @param applied changesets applied by this run
	 * @param alreadyApplied changesets found applied before it
	 */
	public record MigrationResult(int applied, int alreadyApplied) {

	}

}
