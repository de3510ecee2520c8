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

	private final ConnectionSettings connection;

	private final ToolSchema schema;

	private final RowEstimates rowEstimates;

	private final TableStatistics statistics;

	TableReport(JdbcTemplate jdbcTemplate, ResourceLoader resourceLoader, ReportFiles files,
			ConnectionSettings connection, ToolSchema schema, RowEstimates rowEstimates, TableStatistics statistics) {
		this.statistics = statistics;
		this.schema = schema;
		this.rowEstimates = rowEstimates;
		this.jdbcTemplate = jdbcTemplate;
		this.resourceLoader = resourceLoader;
		this.files = files;
		this.connection = connection;
	}

	List<Path> write() {
		StringBuilder sql = new StringBuilder("-- public.event_embeddings as the Liquibase changelog creates it\n");
		for (String changeset : CHANGESETS) {
			sql.append("\n-- ").append(changeset.substring(changeset.lastIndexOf('/') + 1)).append('\n').append(read(changeset));
		}
		return List.of(files.writeText(SQL, sql.toString()), files.writeText(MARKDOWN, describe()));
	}

	private String describe() {
		StringBuilder md = new StringBuilder("# public.event_embeddings\n\n");
		md.append("Database `").append(connection.describe()).append("`, generated ").append(Instant.now()).append(".\n\n");
		md.append("| column | type | nullable | default |\n| --- | --- | --- | --- |\n");
		for (Map<String, Object> column : jdbcTemplate.queryForList("""
				select a.attname as name, format_type(a.atttypid, a.atttypmod) as type, not a.attnotnull as nullable,
				  pg_get_expr(d.adbin, d.adrelid) as default_value
				from pg_attribute a left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
				where a.attrelid = 'public.event_embeddings'::regclass and a.attnum > 0 and not a.attisdropped
				order by a.attnum""")) {
			md.append("| ").append(column.get("name")).append(" | ").append(column.get("type")).append(" | ")
				.append(Boolean.TRUE.equals(column.get("nullable")) ? "yes" : "no").append(" | ")
				.append(column.get("default_value") != null ? column.get("default_value") : "").append(" |\n");
		}
		md.append("\n| property | value |\n| --- | --- |\n");
		for (String constraint : jdbcTemplate.queryForList("""
				select conname || ': ' || pg_get_constraintdef(oid) from pg_constraint
				where conrelid = 'public.event_embeddings'::regclass order by contype, conname""", String.class)) {
			md.append("| constraint | `").append(constraint).append("` |\n");
		}
		Boolean rls = jdbcTemplate.queryForObject(
				"select relrowsecurity from pg_class where oid = 'public.event_embeddings'::regclass", Boolean.class);
		md.append("| row-level security | ").append(Boolean.TRUE.equals(rls) ? "enabled" : "**disabled**").append(" |\n");
		for (String index : jdbcTemplate.queryForList(
				"select indexdef from pg_indexes where schemaname = 'public' and tablename = 'event_embeddings' order by indexname",
				String.class)) {
			md.append("| index | `").append(index).append("` |\n");
		}
		// Rewritten after every run that wrote: an estimate, not a count of millions of rows (validate counts).
		md.append("| rows (the planner's estimate) | about ").append(rowEstimates.of("public.event_embeddings"))
			.append(" |\n");
		md.append("| statistics | ").append(statistics.now().describe()).append(" |\n");
		md.append(toolSchema());
		return md.toString();
	}

	/** Where everything else the tool owns is, and who besides its owner may reach it. */
	private String toolSchema() {
		Long tables = jdbcTemplate.queryForObject("""
				select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace
				where n.nspname = ? and c.relkind = 'r'""", Long.class, schema.name());
		List<String> users = jdbcTemplate.queryForList("""
				select r.rolname from pg_roles r, pg_namespace n
				where n.nspname = ? and r.oid <> n.nspowner and not r.rolsuper and r.rolname not like 'pg\\_%'
				  and has_schema_privilege(r.oid, n.oid, 'usage') order by 1""", String.class, schema.name());
		List<String> apiRoles = jdbcTemplate.queryForList(
				"select rolname from pg_roles where rolname in ('anon', 'authenticated') order by 1", String.class);
		StringBuilder md = new StringBuilder("\n## The tool's own schema\n\n");
		md.append("Everything else the tool owns (Spring Batch's, Quartz's and Liquibase's tables, the errors table, its")
			.append(" functions) is in schema `").append(schema.name()).append("`, not in `public`: ").append(tables)
			.append(" tables. Roles besides its owner and superusers that may use it: ")
			.append(users.isEmpty() ? "none" : "`" + String.join("`, `", users) + "`").append(".");
		if (!apiRoles.isEmpty()) {
			md.append(" Supabase's API roles (`").append(String.join("`, `", apiRoles)).append("`) have no grant on it")
				.append(" or on anything in it").append(users.stream().anyMatch(apiRoles::contains) ? " **except as listed above**" : "")
				.append(", and the Data API does not serve it.");
		}
		return md.append("\n").toString();
	}

	private String read(String location) {
		Resource resource = resourceLoader.getResource(location);
		try (InputStream in = resource.getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + location, ex);
		}
	}

}
