package io.github.iotembeddings.schema;

import javax.sql.DataSource;

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
	static final String LATEST_CHANGESET = "005-embedding-errors";

	private final DataSource dataSource;

	private final ResourceLoader resourceLoader;

	private final JdbcTemplate jdbcTemplate;

	private final DatabasePreflight preflight;

	SchemaMigrator(DataSource dataSource, ResourceLoader resourceLoader, JdbcTemplate jdbcTemplate,
			DatabasePreflight preflight) {
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
		int before = appliedChangesets();
		SpringLiquibase liquibase = new SpringLiquibase();
		liquibase.setDataSource(dataSource);
		liquibase.setResourceLoader(resourceLoader);
		liquibase.setChangeLog(CHANGELOG);
		liquibase.afterPropertiesSet();
		int after = appliedChangesets();
		return new MigrationResult(after - before, before);
	}

	private int appliedChangesets() {
		if (!preflight.exists("public.databasechangelog")) {
			return 0;
		}
		Integer count = jdbcTemplate.queryForObject("select count(*) from public.databasechangelog", Integer.class);
		return (count != null) ? count : 0;
	}

	/**
	 * @param applied changesets applied by this run
	 * @param alreadyApplied changesets found applied before it
	 */
	public record MigrationResult(int applied, int alreadyApplied) {

	}

}
