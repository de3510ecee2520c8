package io.github.iotembeddings.validate;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The specified shape of event_embeddings: vector(384), cascading foreign key, RLS, the vector index (IVFFlat as
 * specified, or HNSW when configured).
 */
@Component
class SchemaChecks {

	static final String INDEX_NAME = "event_embeddings_embedding_idx";

	private final JdbcTemplate jdbcTemplate;

	SchemaChecks(JdbcTemplate jdbcTemplate) {
		this.jdbcTemplate = jdbcTemplate;
	}

	List<Check> run() {
		String type = first("""
				select format_type(atttypid, atttypmod) from pg_attribute
				where attrelid = 'public.event_embeddings'::regclass and attname = 'embedding'""");
		String foreignKey = first("""
				select pg_get_constraintdef(oid) from pg_constraint
				where conrelid = 'public.event_embeddings'::regclass and contype = 'f'""");
		String rls = first("select relrowsecurity::text from pg_class where oid = 'public.event_embeddings'::regclass");
		String index = first("select indexdef from pg_indexes where schemaname = 'public' and indexname = '" + INDEX_NAME + "'");
		return List.of(new Check("embedding is vector(384)", "vector(384)".equals(type), String.valueOf(type)),
				new Check("event_id references iot_events(id) on delete cascade",
						foreignKey != null && foreignKey.contains("REFERENCES iot_events(id)")
								&& foreignKey.contains("ON DELETE CASCADE"),
						String.valueOf(foreignKey)),
				new Check("row-level security enabled", "true".equals(rls), "relrowsecurity = " + rls),
				new Check(INDEX_NAME + " present (ivfflat or hnsw, cosine)",
						index != null && (index.contains("ivfflat") || index.contains("hnsw"))
								&& index.contains("vector_cosine_ops"),
						String.valueOf(index)));
	}

	private String first(String sql) {
		List<String> values = jdbcTemplate.queryForList(sql, String.class);
		return values.isEmpty() ? null : values.get(0);
	}

}
