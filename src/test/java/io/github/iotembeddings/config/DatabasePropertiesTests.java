package io.github.iotembeddings.config;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabasePropertiesTests {

	@Test
	void defaultsAreDocumentedOnes() {
		DatabaseProperties defaults = DatabaseProperties.from(Map.of());
		assertThat(defaults.statementTimeout()).isEqualTo(Duration.ofSeconds(60));
		assertThat(defaults.socketTimeout()).isEqualTo(Duration.ofSeconds(75));
		assertThat(defaults.longSocketTimeout()).isEqualTo(Duration.ofHours(6).plusSeconds(15));
	}

	@Test
	void aReadTimeoutNotAboveTheStatementTimeoutIsRefusedNamingBoth() {
		assertThatThrownBy(() -> DatabaseProperties.from(Map.of("EMBEDDINGS_DATABASE_STATEMENT_TIMEOUT", "2m")))
			.rootCause()
			.isInstanceOf(InvalidConfigurationException.class)
			.hasMessageContaining("embeddings.database.socket-timeout (EMBEDDINGS_DATABASE_SOCKET_TIMEOUT) must be longer"
					+ " than embeddings.database.statement-timeout");
	}

	@Test
	void sessionSqlSetsEveryServerBound() {
		String sql = new SessionBounds(DatabaseProperties.from(Map.of())).sessionSql();
		assertThat(sql).contains("'statement_timeout', '60000'").contains("'lock_timeout', '20000'")
			.contains("'idle_in_transaction_session_timeout', '60000'").contains("'tcp_keepalives_idle', '30'")
			.contains("'tcp_keepalives_interval', '10'").contains("'tcp_keepalives_count', '3'")
			.contains("'tcp_user_timeout', '60000'");
	}

}
