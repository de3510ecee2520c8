package io.github.iotembeddings.schema;

import java.util.ArrayList;
import java.util.List;

import io.github.iotembeddings.config.ToolSchema;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The least a role needs to run every command but {@code migrate} (which the owner runs): read the
 * events, write the embeddings, use the tool's schema. Printed, never applied: granting is the owner's
 * decision. Row-level security is met with policies for that role alone rather than {@code BYPASSRLS},
 * which only a superuser may grant (not Supabase's {@code postgres}) and which would lift RLS on every
 * table of the database, not just the tool's.
 */
@Component
public class RuntimeGrants {

	private final JdbcTemplate jdbcTemplate;

	private final ToolSchema schema;

	RuntimeGrants(JdbcTemplate jdbcTemplate, ToolSchema schema) {
		this.jdbcTemplate = jdbcTemplate;
		this.schema = schema;
	}

	/**
	 * @param role the role the runtime commands will log in as
	 * @return the statements, one per line, with comments saying why
	 */
	public List<String> sql(String role) {
		String r = jdbcTemplate.queryForObject("select quote_ident(?)", String.class, role);
		String s = schema.name();
		List<String> sql = new ArrayList<>(List.of(
				"-- Run as the owner of the tool's tables (the role that ran migrate). Lets " + r
						+ " run backfill, sync, schedule, restart, status, validate, report and the rest; not migrate.",
				"grant usage on schema public to " + r + ";",
				"grant select on public.iot_events to " + r + ";",
				"-- Each chunk's events are locked against deletion until its vectors commit (select ... for key share),"
						+ " which PostgreSQL allows only with an update right: on the id column alone.",
				"grant update (id) on public.iot_events to " + r + ";",
				"grant select, insert, update, delete on public.event_embeddings to " + r + ";",
				"grant execute on function " + ReadPolicy.MATCH_FUNCTION + " to " + r + ";",
				"grant execute on function " + ReadPolicy.HYBRID_FUNCTION + " to " + r + ";",
				"grant usage on schema " + s + " to " + r + ";",
				"grant select, insert, update, delete on all tables in schema " + s + " to " + r + ";",
				"grant usage, select, update on all sequences in schema " + s + " to " + r + ";",
				"grant execute on all functions in schema " + s + " to " + r + ";",
				"-- Row-level security stays on; these policies open the tool's two tables to " + r + " alone.",
				"create policy iot_embeddings_runtime on public.event_embeddings for all to " + r
						+ " using (true) with check (true);",
				"create policy iot_embeddings_runtime on " + s + ".event_embedding_errors for all to " + r
						+ " using (true) with check (true);"));
		String vectorSchema = jdbcTemplate.queryForObject("""
				select quote_ident(n.nspname) from pg_extension x join pg_namespace n on n.oid = x.extnamespace
				where x.extname = 'vector'""", String.class);
		if (!"public".equals(vectorSchema)) {
			sql.add("-- pgvector lives in " + vectorSchema + ": its operators, which search uses, are found only with usage on it.");
			sql.add("grant usage on schema " + vectorSchema + " to " + r + ";");
		}
		Boolean eventsUnderRls = jdbcTemplate.queryForObject(
				"select relrowsecurity from pg_class where oid = to_regclass('public.iot_events')", Boolean.class);
		if (Boolean.TRUE.equals(eventsUnderRls)) {
			sql.add("-- public.iot_events has row-level security: the tool must read every event to embed it.");
			sql.add("create policy iot_embeddings_read_all on public.iot_events for select to " + r + " using (true);");
			sql.add("-- Row locks also need an update policy; with check (false) lets no update through.");
			sql.add("create policy iot_embeddings_lock_events on public.iot_events for update to " + r
					+ " using (true) with check (false);");
		}
		return sql;
	}

}
