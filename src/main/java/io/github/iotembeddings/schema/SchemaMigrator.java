package io.github.iotembeddings.schema;

import java.util.Map;

import javax.sql.DataSource;

import io.github.iotembeddings.common.Causes;
import io.github.iotembeddings.config.InvalidConfigurationException;
import io.github.iotembeddings.config.ToolSchema;

import liquibase.exception.LiquibaseException;
import liquibase.exception.ValidationFailedException;
import liquibase.integration.spring.SpringLiquibase;

import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Applies the Liquibase changelog ({@code liquibase/} in the source tree, {@code db/} in the jar).
 * Liquibase runs only when asked, never as a side effect of starting the application.
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

	SchemaMigrator(DataSource dataSource, ResourceLoader resourceLoader, JdbcTemplate jdbcTemplate,
			DatabasePreflight preflight, ToolSchemaLayout layout, ToolSchema schema) {
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
		SpringLiquibase liquibase = new SpringLiquibase();
		// The connection's search_path starts with the tool's schema, so Liquibase keeps its own tables there.
		liquibase.setChangeLogParameters(Map.of("toolSchema", schema.name()));
		liquibase.setDataSource(dataSource);
		liquibase.setResourceLoader(resourceLoader);
		liquibase.setChangeLog(CHANGELOG);
		try {
			liquibase.afterPropertiesSet();
		}
		catch (LiquibaseException ex) {
			ValidationFailedException invalid = Causes.find(ex, ValidationFailedException.class);
			if (invalid == null) {
				throw ex;
			}
			// Its first line is only "Validation Failed:"; what failed is on the lines below.
			throw new InvalidConfigurationException("Liquibase refused the changelog as applied to this database ("
					+ String.join("; ", invalid.getMessage().lines().map(String::strip).filter(line -> !line.isEmpty())
						.skip(1).toList())
					+ "): a changeset that already ran was changed; restore it, or see `"
					+ schema.qualify("databasechangelog") + "`", ex);
		}
		int after = appliedChangesets();
		return new MigrationResult(after - before, before);
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
