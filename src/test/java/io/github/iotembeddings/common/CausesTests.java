package io.github.iotembeddings.common;

import java.net.SocketTimeoutException;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import org.springframework.transaction.TransactionSystemException;

import static org.assertj.core.api.Assertions.assertThat;

class CausesTests {

	@Test
	void theRootIsTheDeepestCause() {
		SocketTimeoutException timeout = new SocketTimeoutException("Read timed out");
		Exception wrapped = new IllegalStateException("step failed", new SQLException("I/O error", timeout));
		assertThat(Causes.root(wrapped)).isSameAs(timeout);
	}

	/** Batch records the rollback's failure when the connection died mid-chunk: the work's failure is the cause. */
	@Test
	void aFailedRollbackGivesWayToTheFailureItRolledBack() {
		SocketTimeoutException timeout = new SocketTimeoutException("Read timed out");
		TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed",
				new SQLException("Connection is closed"));
		rollback.initApplicationException(new IllegalStateException("chunk failed", new SQLException("I/O error", timeout)));
		assertThat(Causes.root(new RuntimeException("step", rollback))).isSameAs(timeout);
		assertThat(Messages.ofRootCause(rollback)).isEqualTo("Read timed out");
		assertThat(Causes.find(rollback, SocketTimeoutException.class)).isSameAs(timeout);
	}

	@Test
	void aFailedRollbackAloneIsItsOwnCause() {
		SQLException closed = new SQLException("Connection is closed");
		assertThat(Causes.root(new TransactionSystemException("JDBC rollback failed", closed))).isSameAs(closed);
	}

}
