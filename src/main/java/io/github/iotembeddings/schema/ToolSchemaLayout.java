package io.github.iotembeddings.schema;

import java.util.ArrayList;
import java.util.List;

import io.github.iotembeddings.config.ToolSchema;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Puts the tool's objects where they belong before Liquibase runs: creates the tool's schema, closed to
 * everyone but its owner, and moves what an earlier version created in {@code public} into it, in one
 * transaction. {@code alter ... set schema} keeps every row, every sequence's position and every trigger
 * that points at a moved function, so execution history, restartable runs and the scheduler cluster
 * carry on as they were. Only what the tool's own changelog records as created (or adopted) by it is
 * moved, and only its own rows of {@code public.databasechangelog}, which another application may share.
 */
@Component
class ToolSchemaLayout {

	private static final Log logger = LogFactory.getLog(ToolSchemaLayout.class);

	private static final String AUTHOR = "iot-embeddings";

	private final JdbcTemplate jdbcTemplate;

	private final TransactionTemplate transaction;

	private final ToolSchema schema;

	ToolSchemaLayout(JdbcTemplate jdbcTemplate, TransactionTemplate transaction, ToolSchema schema) {
		this.jdbcTemplate = jdbcTemplate;
		this.transaction = transaction;
		this.schema = schema;
	}

	/** @return how many objects were moved out of {@code public} */
	int prepare() {
		return transaction.execute(status -> {
			jdbcTemplate.execute("create schema if not exists " + schema.name());
			// The PUBLIC pseudo-role, and so anon and authenticated, may not even look inside it.
			jdbcTemplate.execute("revoke all on schema " + schema.name() + " from public");
			// Changeset 001 creates the extension without naming a schema: keep it where earlier versions put it.
			jdbcTemplate.execute("create extension if not exists vector schema public");
			List<String> moves = new ArrayList<>();
			if (exists("public.databasechangelog") && !exists(schema.qualify("databasechangelog"))) {
				moves.addAll(ownTablesInPublic());
				moves.addAll(ownFunctionsInPublic());
				moves.forEach(jdbcTemplate::execute);
				moveOwnChangelogRows();
			}
			if (!moves.isEmpty()) {
				logger.info("Moved " + moves.size() + " objects of the tool from schema public to " + schema.name());
			}
			return moves.size();
		});
	}

	/** Batch's and Quartz's tables and sequences when the tool's changelog created them, and its errors table. */
	private List<String> ownTablesInPublic() {
		return jdbcTemplate.queryForList("""
				select format('alter %s public.%I set schema %I',
				  case c.relkind when 'S' then 'sequence' else 'table' end, c.relname, ?)
				from pg_class c join pg_namespace n on n.oid = c.relnamespace
				where n.nspname = 'public' and c.relkind in ('r', 'p', 'S')
				  and not exists (select 1 from pg_depend d where d.objid = c.oid and d.deptype in ('a', 'i'))
				  and ((c.relname like 'batch\\_%' and exists (select 1 from public.databasechangelog
				          where id = '002-spring-batch-metadata' and author = ?))
				    or (c.relname like 'qrtz\\_%' and exists (select 1 from public.databasechangelog
				          where id = '003-quartz-job-store' and author = ?))
				    or c.relname = 'event_embedding_errors')""", String.class, schema.name(), AUTHOR, AUTHOR);
	}

	private List<String> ownFunctionsInPublic() {
		return jdbcTemplate.queryForList("""
				select format('alter function public.%I(%s) set schema %I', p.proname,
				  pg_get_function_identity_arguments(p.oid), ?)
				from pg_proc p join pg_namespace n on n.oid = p.pronamespace
				where n.nspname = 'public' and p.proname in ('iot_embeddings_event_text', 'iot_embeddings_notify_change')""",
				String.class, schema.name());
	}

	/** Liquibase then finds its record of the tool's changesets in the tool's schema, and applies the rest. */
	private void moveOwnChangelogRows() {
		String changelog = schema.qualify("databasechangelog");
		jdbcTemplate.execute("create table " + changelog + " (like public.databasechangelog including all)");
		jdbcTemplate.update("insert into " + changelog + " select * from public.databasechangelog where author = ?", AUTHOR);
		jdbcTemplate.update("delete from public.databasechangelog where author = ?", AUTHOR);
		if (!Boolean.TRUE.equals(jdbcTemplate.queryForObject("select exists (select 1 from public.databasechangelog)",
				Boolean.class))) {
			jdbcTemplate.execute("drop table public.databasechangelog");
			jdbcTemplate.execute("drop table if exists public.databasechangeloglock");
		}
	}

	private boolean exists(String relation) {
		return Boolean.TRUE.equals(jdbcTemplate.queryForObject("select to_regclass(?) is not null", Boolean.class, relation));
	}

}
