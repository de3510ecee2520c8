package io.github.iotembeddings.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.github.iotembeddings.config.ConnectionSettings;
import io.github.iotembeddings.config.ToolSchema;
import io.github.iotembeddings.schema.RowEstimates;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code emb_table_create.sql}: the DDL of {@code event_embeddings} as the changelog applies it, and
 * {@code emb_table_create.md}: what the database holds now (columns, foreign key, row-level security,
 * index, rows).
 */
@Component
class TableReport {

	static final String SQL = "emb_table_create.sql";

	static final String MARKDOWN = "emb_table_create.md";

	/** The changesets that shape event_embeddings, in order. */
	static final List<String> CHANGESETS = List.of("classpath:db/changes/001-event-embeddings.sql",
			"classpath:db/changes/004-embedding-provenance.sql");

	private final JdbcTemplate jdbcTemplate;

	private final ResourceLoader resourceLoader;

	private final ReportFiles files;

	private final ReportTemplates templates;

	private final ConnectionSettings connection;

	private final ToolSchema schema;

	private final RowEstimates rowEstimates;

	private final TableStatistics statistics;

	TableReport(JdbcTemplate jdbcTemplate, ResourceLoader resourceLoader, ReportFiles files, ReportTemplates templates,
			ConnectionSettings connection, ToolSchema schema, RowEstimates rowEstimates, TableStatistics statistics) {
		this.statistics = statistics;
		this.schema = schema;
		this.rowEstimates = rowEstimates;
		this.jdbcTemplate = jdbcTemplate;
		this.resourceLoader = resourceLoader;
		this.files = files;
		this.templates = templates;
		this.connection = connection;
	}

	List<Path> write() {
		List<Changeset> changesets = CHANGESETS.stream().map(this::changeset).toList();
		String statisticsInWords = templates.part(TableStatistics.PHRASE, Map.of("analysis", statistics.now()));
		return List.of(files.writeTemplate(SQL, Map.of("changesets", changesets)),
				files.writeTemplate(MARKDOWN, Map.of("database", connection.describe(), "generatedAt", Instant.now().toString(),
						"table", table(), "schema", toolSchema(), "statistics", statisticsInWords)));
	}

	private Table table() {
		List<Column> columns = jdbcTemplate.query("""
				select a.attname as name, format_type(a.atttypid, a.atttypmod) as type, not a.attnotnull as nullable,
				  pg_get_expr(d.adbin, d.adrelid) as default_value
				from pg_attribute a left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
				where a.attrelid = 'public.event_embeddings'::regclass and a.attnum > 0 and not a.attisdropped
				order by a.attnum""", (rs, row) -> new Column(rs.getString("name"), rs.getString("type"),
				rs.getBoolean("nullable"), rs.getString("default_value")));
		List<String> constraints = jdbcTemplate.queryForList("""
				select conname || ': ' || pg_get_constraintdef(oid) from pg_constraint
				where conrelid = 'public.event_embeddings'::regclass order by contype, conname""", String.class);
		Boolean rowSecurity = jdbcTemplate.queryForObject(
				"select relrowsecurity from pg_class where oid = 'public.event_embeddings'::regclass", Boolean.class);
		List<String> indexes = jdbcTemplate.queryForList(
				"select indexdef from pg_indexes where schemaname = 'public' and tablename = 'event_embeddings' order by indexname",
				String.class);
		// Rewritten after every run that wrote: an estimate, not a count of millions of rows (validate counts).
		return new Table(columns, constraints, Boolean.TRUE.equals(rowSecurity), indexes,
				rowEstimates.of("public.event_embeddings"));
	}

	/** Where everything else the tool owns is, and who besides its owner may reach it. */
	private OwnSchema toolSchema() {
		Long tables = jdbcTemplate.queryForObject("""
				select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace
				where n.nspname = ? and c.relkind = 'r'""", Long.class, schema.name());
		List<String> users = jdbcTemplate.queryForList("""
				select r.rolname from pg_roles r, pg_namespace n
				where n.nspname = ? and r.oid <> n.nspowner and not r.rolsuper and r.rolname not like 'pg\\_%'
				  and has_schema_privilege(r.oid, n.oid, 'usage') order by 1""", String.class, schema.name());
		List<String> apiRoles = jdbcTemplate.queryForList(
				"select rolname from pg_roles where rolname in ('anon', 'authenticated') order by 1", String.class);
		return new OwnSchema(schema.name(), (tables != null) ? tables : 0, users, apiRoles);
	}

	private Changeset changeset(String location) {
		Resource resource = resourceLoader.getResource(location);
		try (InputStream in = resource.getInputStream()) {
			String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			return new Changeset(location.substring(location.lastIndexOf('/') + 1),
					text.endsWith("\n") ? text.substring(0, text.length() - 1) : text);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + location, ex);
		}
	}

	/**
	 * @param name the changeset's file name
	 * @param text its text, without the final line break (the template ends each changeset's last line)
	 */
	record Changeset(String name, String text) {

	}

	/**
	 * What the database holds of {@code public.event_embeddings}.
	 *
	 * @param rowEstimate about how many rows (the planner's estimate)
	 */
	record Table(List<Column> columns, List<String> constraints, boolean rowSecurity, List<String> indexes,
			long rowEstimate) {

	}

	record Column(String name, String type, boolean nullable, @Nullable String defaultValue) {

	}

	/**
	 * The tool's own schema.
	 *
	 * @param tables how many tables it holds
	 * @param users the roles besides its owner and superusers that may use it
	 * @param apiRoles those of Supabase's API roles ({@code anon}, {@code authenticated}) that exist
	 */
	record OwnSchema(String name, long tables, List<String> users, List<String> apiRoles) {

		/** @return whether an API role is among the users, which the report stresses */
		public boolean apiRoleMayUse() {
			return users.stream().anyMatch(apiRoles::contains);
		}

	}

}
