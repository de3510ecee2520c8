package io.github.iotembeddings.schema;

import io.github.iotembeddings.config.ConnectionSettings;
import io.github.iotembeddings.config.InvalidConfigurationException;
import io.github.iotembeddings.config.ToolSchema;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Checks, before anything is written, that the database has what a command needs (the connection
 * itself is checked before the application starts, by {@code ConnectionCheck}).
 * Each failure is a one-line message naming what to fix.
 */
@Component
public class DatabasePreflight {

	private final JdbcTemplate jdbcTemplate;

	private final ConnectionSettings connection;

	private final ToolSchema schema;

	DatabasePreflight(JdbcTemplate jdbcTemplate, ConnectionSettings connection, ToolSchema schema) {
		this.jdbcTemplate = jdbcTemplate;
		this.connection = connection;
		this.schema = schema;
	}

	/** Fails when the user's events table is missing: this tool never creates it outside demo-seed. */
	public void requireEventsTable() {
		if (!exists("public.iot_events")) {
			throw new InvalidConfigurationException("table public.iot_events does not exist in " + connection.describe()
					+ ": point DATABASE_URL at the database that holds your events (or run demo-seed for demo data)");
		}
	}

	/** Fails when the server has no pgvector to create the extension from. */
	public void requireVectorExtensionAvailable() {
		Boolean available = jdbcTemplate.queryForObject(
				"select exists (select 1 from pg_available_extensions where name = 'vector')", Boolean.class);
		if (!Boolean.TRUE.equals(available)) {
			throw new InvalidConfigurationException("the vector extension is not available on the server at "
					+ connection.describe() + ": install pgvector there (on Supabase, enable it under Database > Extensions)");
		}
	}

	/**
	 * Fails when {@code migrate} has not been run, or not since this version added a changeset (such as
	 * the move of the tool's tables out of {@code public}).
	 */
	public void requireMigratedSchema() {
		if (!migrated(jdbcTemplate)) {
			throw new InvalidConfigurationException("the schema in " + connection.describe()
					+ " is not migrated for this version of the tool (its own tables belong in schema " + schema.name()
					+ "): run the migrate command first");
		}
	}

	/**
	 * @param jdbc a connection to ask on (the health probe has one of its own)
	 * @return whether {@code migrate} has run since this version's latest changeset: a few catalog lookups
	 */
	public boolean migrated(JdbcOperations jdbc) {
		String changelog = schema.qualify("databasechangelog");
		return exists(jdbc, "public.event_embeddings") && exists(jdbc, schema.qualify("batch_job_instance"))
				&& exists(jdbc, changelog) && Boolean.TRUE.equals(jdbc.queryForObject(
						"select exists (select 1 from " + changelog + " where id = ?)", Boolean.class,
						SchemaMigrator.LATEST_CHANGESET));
	}

	/** What every command that reads events and embeddings needs: the events table and a migrated schema. */
	public void requireReady() {
		requireEventsTable();
		requireMigratedSchema();
	}

	/** @return whether the table (or other relation) exists */
	boolean exists(String relation) {
		return exists(jdbcTemplate, relation);
	}

	private static boolean exists(JdbcOperations jdbc, String relation) {
		return Boolean.TRUE.equals(jdbc.queryForObject("select to_regclass(?) is not null", Boolean.class, relation));
	}

}
