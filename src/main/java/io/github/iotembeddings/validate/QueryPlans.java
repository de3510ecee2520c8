package io.github.iotembeddings.validate;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.iotembeddings.index.IndexOptions;
import io.github.iotembeddings.index.SearchSettings;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;

/**
 * Which tables and indexes a query read: EXPLAIN (FORMAT JSON) of the query as it ran (its parameters,
 * on its connection, under its settings), walked for every scan, and each index named with its access
 * method and parameters from the catalog, so a report never assumes the index type.
 */
@Component
class QueryPlans {

	private final JdbcTemplate jdbcTemplate;

	private final JsonMapper jsonMapper;

	QueryPlans(JdbcTemplate jdbcTemplate, JsonMapper jsonMapper) {
		this.jdbcTemplate = jdbcTemplate;
		this.jsonMapper = jsonMapper;
	}

	/**
	 * @param connection the connection the query ran on, with its settings still in force
	 * @param name which query, for the report
	 * @param sql the query, with {@code ?} placeholders
	 * @param settings the search settings in force, or null when the query ran without
	 * @param args the query's parameters
	 */
	QueryPlan explain(Connection connection, String name, String sql, @Nullable SearchSettings settings,
			Object... args) {
		return explain(new JdbcTemplate(new SingleConnectionDataSource(connection, true)), name, sql, settings, args);
	}

	/** The same, on a template bound to the query's connection (or any, for a query run without settings). */
	QueryPlan explain(JdbcTemplate session, String name, String sql, @Nullable SearchSettings settings,
			Object... args) {
		String json = session.queryForObject("explain (format json) " + sql, String.class, args);
		List<PlanScan> scans = scans(jsonMapper.readTree(json)).stream()
			.map(scan -> (scan.index() == null) ? scan
					: new PlanScan(scan.relation(), scan.access(), scan.index(), indexType(scan.index())))
			.toList();
		return new QueryPlan(name, sql, (settings != null) ? settings.name() + " = " + settings.value() : "", scans);
	}

	/**
	 * @param explained EXPLAIN (FORMAT JSON)'s output: an array holding one object with a {@code Plan}
	 * @return every table read, depth first in plan order, with the index's type left null
	 */
	static List<PlanScan> scans(JsonNode explained) {
		List<PlanScan> scans = new ArrayList<>();
		for (JsonNode statement : explained) {
			walk(statement.get("Plan"), null, scans);
		}
		return scans;
	}

	private static void walk(@Nullable JsonNode node, @Nullable String parentRelation, List<PlanScan> scans) {
		if (node == null) {
			return;
		}
		String type = node.path("Node Type").asString("");
		String relation = node.hasNonNull("Relation Name") ? node.get("Relation Name").asString() : parentRelation;
		String index = node.hasNonNull("Index Name") ? node.get("Index Name").asString() : null;
		switch (type) {
			case "Seq Scan" -> scans.add(new PlanScan(String.valueOf(relation), "sequential scan", null, null));
			case "Index Scan", "Index Only Scan", "Bitmap Index Scan" ->
				// A bitmap index scan names no table: its parent, the bitmap heap scan, does.
				scans.add(new PlanScan(String.valueOf(relation), type.toLowerCase(java.util.Locale.ROOT), index, null));
			default -> {
			}
		}
		String inherited = switch (type) {
			case "Bitmap Heap Scan" -> relation;
			case "BitmapAnd", "BitmapOr" -> parentRelation;
			default -> null;
		};
		for (JsonNode child : node.path("Plans")) {
			walk(child, inherited, scans);
		}
	}

	/** @return e.g. {@code hnsw (m=16, ef_construction=64)}, from the catalog, or the name alone if not found */
	private String indexType(String index) {
		List<String> found = jdbcTemplate.query("""
				select am.amname, array_to_string(c.reloptions, ',') from pg_class c join pg_am am on am.oid = c.relam
				where c.oid = to_regclass(quote_ident(?))""", (rs, row) -> describe(rs.getString(1), rs.getString(2)),
				index);
		return found.isEmpty() ? "index not in the catalog any more" : found.get(0);
	}

	/**
	 * @param method the access method, e.g. {@code hnsw}
	 * @param reloptions {@code pg_class.reloptions} joined by commas, or null
	 * @return the method with its parameters, pgvector's defaults filled in
	 */
	static String describe(String method, @Nullable String reloptions) {
		return IndexOptions.describe(method, IndexOptions.of(method, reloptions));
	}

}
