package io.github.iotembeddings.validate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.github.iotembeddings.common.Messages;
import io.github.iotembeddings.config.InvalidConfigurationException;
import io.github.iotembeddings.config.SyncTestProperties;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The sync check's events in the user's own {@code public.iot_events}, whatever its columns: each is a
 * copy of the newest event (every column but {@code id} and the columns the table computes or numbers
 * itself, found at run time), so it satisfies the table's NOT NULL and check constraints as that event
 * does and its text is one the configured expression can build. A table where a copy cannot be inserted
 * (no event yet, a unique column) takes {@code embeddings.sync-test.insert-sql} instead. Marked events
 * are deleted by the ids their inserts returned, so no other row is ever touched.
 */
@Component
class MarkedEvents {

	static final String INSERT_SQL_PROPERTY = "embeddings.sync-test.insert-sql (EMBEDDINGS_SYNC_TEST_INSERT_SQL)";

	/**
	 * The columns a copy takes from the newest event: not {@code id}, and not those whose value the table
	 * makes itself (generated, identity, or numbered by a sequence like a {@code serial}), so a copy gets
	 * its own.
	 */
	private static final String COPIED_COLUMNS = """
			select coalesce(string_agg(quote_ident(a.attname), ', ' order by a.attnum), '')
			from pg_attribute a
			left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
			where a.attrelid = 'public.iot_events'::regclass and a.attnum > 0 and not a.attisdropped
			  and a.attname <> 'id' and a.attgenerated = '' and a.attidentity = ''
			  and coalesce(pg_get_expr(d.adbin, d.adrelid), '') not like 'nextval(%'""";

	private final JdbcTemplate jdbcTemplate;

	private final SyncTestProperties properties;

	MarkedEvents(JdbcTemplate jdbcTemplate, SyncTestProperties properties) {
		this.jdbcTemplate = jdbcTemplate;
		this.properties = properties;
	}

	/** @return the statement that inserts one marked event and returns its id and the database clock */
	String insertStatement() {
		String configured = properties.insertSql();
		if (configured != null) {
			// Its rows' clock is read after they are inserted, as the copy's RETURNING reads it.
			return "with inserted as (" + configured.strip().replaceFirst(";$", "")
					+ ") select id, clock_timestamp() as inserted_at from inserted";
		}
		String columns = jdbcTemplate.queryForObject(COPIED_COLUMNS, String.class);
		String insert = (columns == null || columns.isEmpty()) ? "insert into public.iot_events default values"
				: "insert into public.iot_events (" + columns + ") select " + columns
						+ " from public.iot_events order by id desc limit 1";
		return insert + " returning id, clock_timestamp() as inserted_at";
	}

	/**
	 * Inserts one marked event.
	 * @param statement from {@link #insertStatement()}
	 * @param insertedIds receives the id of every row the statement inserted, before anything else can
	 * fail, for {@link #delete(List)}
	 * @return the event and when it was inserted (database clock)
	 */
	Inserted insert(String statement, List<Long> insertedIds) {
		List<Map<String, Object>> rows;
		try {
			rows = jdbcTemplate.queryForList(statement);
		}
		catch (DataIntegrityViolationException | BadSqlGrammarException ex) {
			String fix = (properties.insertSql() != null) ? "fix " + INSERT_SQL_PROPERTY
					: "set " + INSERT_SQL_PROPERTY + " to an INSERT that works on this table";
			throw new InvalidConfigurationException(
					"sync-test cannot insert a marked event (" + Messages.ofRootCause(ex) + "): " + fix, ex);
		}
		rows.forEach(row -> insertedIds.add(((Number) row.get("id")).longValue()));
		if (rows.isEmpty() && properties.insertSql() == null) {
			throw new InvalidConfigurationException("sync-test needs at least one event in public.iot_events to copy"
					+ " as its marked events, and there is none: insert one, or set " + INSERT_SQL_PROPERTY);
		}
		if (rows.size() != 1) {
			throw new InvalidConfigurationException(INSERT_SQL_PROPERTY + " must insert one event and return its id;"
					+ " it returned " + rows.size() + " rows");
		}
		return new Inserted(((Number) rows.get(0).get("id")).longValue(),
				((Timestamp) rows.get(0).get("inserted_at")).toInstant());
	}

	/** Deletes the marked events (their embeddings go with them), and nothing else. */
	void delete(List<Long> ids) {
		jdbcTemplate.batchUpdate("delete from public.iot_events where id = ?", ids, 100,
				(statement, id) -> statement.setLong(1, id));
	}

	/**
	 * @param id the marked event
	 * @param insertedAt when it was inserted, database clock
	 */
	record Inserted(long id, Instant insertedAt) {

	}

}
