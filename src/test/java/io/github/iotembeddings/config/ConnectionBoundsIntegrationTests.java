package io.github.iotembeddings.config;

import java.sql.Connection;
import java.util.Map;

import javax.sql.DataSource;

import io.github.iotembeddings.support.TestApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every connection of the tool carries its bounds, on the server and in the client; long statements get theirs. */
class ConnectionBoundsIntegrationTests {

	@RegisterExtension
	static final TestApplication app = TestApplication.of("bounds")
		.property("embeddings.database.statement-timeout", "1s")
		.property("embeddings.database.socket-timeout", "3s")
		.property("embeddings.database.lock-timeout", "700ms")
		.property("embeddings.database.long-statement-timeout", "10s");

	@Test
	void aPooledConnectionCarriesTheServerAndClientBounds() throws Exception {
		try (Connection connection = app.bean(DataSource.class).getConnection()) {
			JdbcTemplate session = new JdbcTemplate(new org.springframework.jdbc.datasource.SingleConnectionDataSource(
					connection, true));
			Map<String, Object> settings = session.queryForMap("""
					select current_setting('statement_timeout') as statement, current_setting('lock_timeout') as lock,
					  current_setting('idle_in_transaction_session_timeout') as idle,
					  current_setting('tcp_keepalives_idle') as keepalive_idle,
					  current_setting('tcp_keepalives_interval') as keepalive_interval,
					  current_setting('tcp_keepalives_count') as keepalive_count,
					  current_setting('tcp_user_timeout') as user_timeout,
					  inet_server_addr() is not null as tcp""");
			assertThat(settings).containsEntry("statement", "1s").containsEntry("lock", "700ms").containsEntry("idle", "1min");
			if (Boolean.TRUE.equals(settings.get("tcp"))) {
				assertThat(settings).containsEntry("keepalive_idle", "30").containsEntry("keepalive_interval", "10")
					.containsEntry("keepalive_count", "3")
					.containsEntry("user_timeout", "60000");
			}
			assertThat(connection.getNetworkTimeout()).as("the client's read timeout, ms").isEqualTo(3_000);
		}
	}

	@Test
	void aStatementLongerThanTheBoundIsEndedByTheServerButALongStatementMayRun() {
		JdbcTemplate jdbc = app.bean(JdbcTemplate.class);
		assertThatThrownBy(() -> jdbc.execute("select pg_sleep(1.5)")).isInstanceOf(QueryTimeoutException.class)
			.hasMessageContaining("statement timeout");
		String bound = app.bean(LongStatements.class).inTransaction(status -> {
			jdbc.execute("select pg_sleep(1.5)");
			return jdbc.queryForObject("select current_setting('statement_timeout')", String.class);
		});
		assertThat(bound).isEqualTo("10s");
		assertThat(jdbc.queryForObject("select current_setting('statement_timeout')", String.class))
			.as("back to the usual bound after the transaction").isEqualTo("1s");
	}

}
