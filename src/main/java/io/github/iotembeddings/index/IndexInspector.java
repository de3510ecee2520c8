package io.github.iotembeddings.index;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.iotembeddings.schema.RowEstimates;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads the vector index's state from the catalog. */
@Component
public class IndexInspector {

	/** The specified index's name; a rebuilt index takes it over. */
	public static final String INDEX_NAME = "event_embeddings_embedding_idx";

	/** What the tool writes into the comment of an index it built. */
	static final String BUILT_ON_ROWS = "iot-embeddings: built on %d rows";

	private static final Pattern BUILT_ON_ROWS_PATTERN = Pattern.compile("iot-embeddings: built on (\\d+) rows");

	private final JdbcTemplate jdbcTemplate;

	private final RowEstimates rowEstimates;

	IndexInspector(JdbcTemplate jdbcTemplate, RowEstimates rowEstimates) {
		this.jdbcTemplate = jdbcTemplate;
		this.rowEstimates = rowEstimates;
	}

	/**
	 * @return the index now, with about how many rows the table has (the planner's estimate: it runs after
	 * every run that wrote, and the policy's thresholds are factors of two, not exact counts)
	 */
	public IndexState inspect() {
		long rows = rowEstimates.of("public.event_embeddings");
		List<IndexState> found = jdbcTemplate.query("""
				select am.amname, array_to_string(c.reloptions, ',') as options, i.indisvalid,
				       obj_description(c.oid, 'pg_class') as comment, pg_relation_size(c.oid) as size,
				       pg_get_indexdef(c.oid) as definition
				from pg_index i join pg_class c on c.oid = i.indexrelid join pg_am am on am.oid = c.relam
				where i.indrelid = 'public.event_embeddings'::regclass and c.relname = ?""",
				(rs, row) -> {
					String method = rs.getString("amname");
					Map<String, String> options = IndexOptions.of(method, rs.getString("options"));
					return new IndexState(method, option(options, "lists"), option(options, "m"),
							option(options, "ef_construction"), rs.getBoolean("indisvalid"), rows,
							builtOnRows(rs.getString("comment")), rs.getLong("size"), rs.getString("definition"));
				}, INDEX_NAME);
		return found.isEmpty() ? new IndexState(null, 0, 0, 0, false, rows, null, 0, null) : found.get(0);
	}

	/** @return the option's value, 0 for an option of another method */
	private static int option(Map<String, String> options, String name) {
		String value = options.get(name);
		return (value != null) ? Integer.parseInt(value) : 0;
	}

	static @Nullable Long builtOnRows(@Nullable String comment) {
		if (comment == null) {
			return null;
		}
		Matcher matcher = BUILT_ON_ROWS_PATTERN.matcher(comment);
		return matcher.find() ? Long.valueOf(matcher.group(1)) : null;
	}

}
