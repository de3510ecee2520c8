package io.github.iotembeddings.index;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

import javax.sql.DataSource;

import io.github.iotembeddings.config.IndexProperties;
import io.github.iotembeddings.config.LongStatements;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;

/**
 * Replaces the vector index without a moment with no index: the new one is built next to the old with
 * {@code create index concurrently} (reads and writes go on), then the old one is dropped concurrently
 * and the new one takes its name. One process at a time, through an advisory lock; a build left
 * invalid by a crash is dropped before the next attempt.
 */
@Component
public class IndexRebuilder {

	private static final Log logger = LogFactory.getLog(IndexRebuilder.class);

	private static final int LOCK_NAMESPACE = 0x1E7E_0003;

	static final String NEW_INDEX_NAME = IndexInspector.INDEX_NAME + "_new";

	private final DataSource dataSource;

	private final IndexProperties properties;

	private final LongStatements longStatements;

	IndexRebuilder(DataSource dataSource, IndexProperties properties, LongStatements longStatements) {
		this.longStatements = longStatements;
		this.dataSource = dataSource;
		this.properties = properties;
	}

	/**
	 * @param plan what to build
	 * @param rows the rows it is built on, recorded in the index's comment
	 * @return whether it was rebuilt; false when another process is rebuilding it
	 */
	public boolean rebuild(IndexPlan plan, long rows) throws SQLException {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			// create/drop index concurrently cannot run inside a transaction block.
			connection.setAutoCommit(true);
			try (ResultSet locked = statement.executeQuery("select pg_try_advisory_lock(" + LOCK_NAMESPACE + ", 0)")) {
				locked.next();
				if (!locked.getBoolean(1)) {
					logger.info("Another process is rebuilding the vector index: leaving it to that one");
					return false;
				}
			}
			try {
				logger.info("Rebuilding the vector index as " + plan.method() + " (" + plan.withClause() + "): "
						+ plan.reason());
				long started = System.nanoTime();
				longStatements.onConnection(connection, true, built -> {
					build(connection, statement, plan, rows, started);
					return null;
				});
				return true;
			}
			finally {
				// The connection goes back to the pool.
				statement.execute("reset maintenance_work_mem");
				statement.execute("select pg_advisory_unlock(" + LOCK_NAMESPACE + ", 0)");
			}
		}
	}

	private void build(Connection connection, Statement statement, IndexPlan plan, long rows, long started)
			throws SQLException {
		try (PreparedStatement memory = connection.prepareStatement(
				"select set_config('maintenance_work_mem', ?, false)")) {
			memory.setString(1, properties.buildMemory());
			memory.execute();
		}
		statement.execute("drop index concurrently if exists public." + NEW_INDEX_NAME);
		statement.execute("create index concurrently " + NEW_INDEX_NAME + " on public.event_embeddings using "
				+ plan.method() + " (embedding vector_cosine_ops) with (" + plan.withClause() + ")");
		statement.execute("comment on index public." + NEW_INDEX_NAME + " is '"
				+ String.format(Locale.ROOT, IndexInspector.BUILT_ON_ROWS, rows) + "'");
		long built = System.nanoTime();
		statement.execute("drop index concurrently if exists public." + IndexInspector.INDEX_NAME);
		statement.execute("alter index public." + NEW_INDEX_NAME + " rename to " + IndexInspector.INDEX_NAME);
		logger.info(String.format(Locale.ROOT,
				"Rebuilt the vector index on %,d rows: built in %.1f s, swapped in %.1f s, never without an index",
				rows, (built - started) / 1e9, (System.nanoTime() - built) / 1e9));
	}

}
