package io.github.iotembeddings.job;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import com.pgvector.PGvector;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Vectors already stored for a text, found by its hash and the model: the same model on the same text
 * gives the same vector, so a stored one can be copied instead of computed. One statement per chunk,
 * one probe of changeset 008's index {@code (text_hash, model)} per distinct hash, at most one row each
 * however often the text is stored; the model is part of the key, so after a model switch the old
 * model's vectors are never found.
 */
class StoredVectors {

	static final String LOOKUP_SQL = """
			select h.hash, vector_send(ee.embedding) from unnest(?::text[]) as h(hash)
			cross join lateral (select embedding from public.event_embeddings
			  where text_hash = h.hash and model = ? limit 1) ee""";

	private final JdbcTemplate jdbcTemplate;

	StoredVectors(JdbcTemplate jdbcTemplate) {
		this.jdbcTemplate = jdbcTemplate;
	}

	/**
	 * @param textHashes distinct text hashes ({@link EventText#textHash()})
	 * @param modelId the model whose vectors may be copied ({@code event_embeddings.model})
	 * @return a stored vector per hash that has one
	 */
	Map<String, float[]> find(Collection<String> textHashes, String modelId) {
		Map<String, float[]> found = new HashMap<>();
		if (textHashes.isEmpty()) {
			return found;
		}
		// The binary form: the very floats stored, and about 5 times cheaper for the server than printing
		// 384 floats as text (docs/SCALING.md).
		jdbcTemplate.query(LOOKUP_SQL, rs -> {
			PGvector vector = new PGvector();
			vector.setByteValue(rs.getBytes(2), 0);
			found.put(rs.getString(1), vector.toArray());
		}, textHashes.toArray(String[]::new), modelId);
		return found;
	}

}
