package io.github.iotembeddings.config;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The few statements that legitimately run longer than {@code embeddings.database.statement-timeout}
 * (index builds, full-check slices, {@code validate}'s scans, history purges, {@code analyze}) run here,
 * with {@code embeddings.database.long-statement-timeout} on the server and the client's read timeout
 * raised to match, for their own transaction or connection only. Their lock waits keep the usual bound,
 * but for index builds.
 */
@Component
public class LongStatements {

	private final JdbcTemplate jdbcTemplate;

	private final TransactionTemplate transaction;

	private final SessionBounds bounds;

	LongStatements(JdbcTemplate jdbcTemplate, TransactionTemplate transaction, SessionBounds bounds) {
		this.jdbcTemplate = jdbcTemplate;
		this.transaction = transaction;
		this.bounds = bounds;
	}

	/**
	 * Runs work in a transaction of its own whose statements have the long bound (the server's is
	 * {@code set local}, so it ends with the transaction).
	 * @param work statements through the application's {@link JdbcTemplate}s, which join the transaction
	 * @return what the work returns
	 */
	public <T> T inTransaction(TransactionCallback<T> work) {
		return transaction.execute(status -> jdbcTemplate.execute((Connection connection) -> {
			int previous = connection.getNetworkTimeout();
			connection.setNetworkTimeout(Runnable::run, clientMillis());
			try {
				execute(connection, bounds.longStatementSql(true, false));
				return work.doInTransaction(status);
			}
			finally {
				connection.setNetworkTimeout(Runnable::run, previous);
			}
		}));
	}

	/**
	 * Runs work on a connection the caller manages (e.g. outside any transaction, as {@code create index
	 * concurrently} must), with the long bound for its duration, the usual one restored after.
	 * @param connection the connection
	 * @param waitForLocks whether its lock waits may last as long too (an index build waits for every
	 * transaction older than it); otherwise a lock wait has the usual bound
	 * @param work what to run on it
	 * @return what the work returns
	 */
	public <T> T onConnection(Connection connection, boolean waitForLocks, ConnectionCallback<T> work)
			throws SQLException {
		int previous = connection.getNetworkTimeout();
		connection.setNetworkTimeout(Runnable::run, clientMillis());
		boolean session = connection.getAutoCommit();
		execute(connection, bounds.longStatementSql(!session, waitForLocks));
		boolean done = false;
		try {
			T result = work.doInConnection(connection);
			done = true;
			return result;
		}
		finally {
			try {
				if (session) {
					execute(connection, bounds.usualStatementSql());
				}
				connection.setNetworkTimeout(Runnable::run, previous);
			}
			catch (SQLException ex) {
				// After a failure the connection may be broken: the work's own exception is the one to report.
				if (done) {
					throw ex;
				}
			}
		}
	}

	private int clientMillis() {
		return (int) Math.min(Integer.MAX_VALUE, bounds.properties().longSocketTimeout().toMillis());
	}

	private static void execute(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}
