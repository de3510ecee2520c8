package io.github.iotembeddings.config;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectionSettingsTests {

	@Test
	void supabaseUriIsTurnedIntoAJdbcUrlWithoutCredentials() {
		ConnectionSettings settings = ConnectionSettings
			.from(Map.of("DATABASE_URL", "postgresql://postgres:p%40ss%3Aw0rd@db.example.supabase.co:6543/postgres?sslmode=require"));

		assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.supabase.co:6543/postgres?sslmode=require");
		assertThat(settings.user()).isEqualTo("postgres");
		assertThat(settings.password()).isEqualTo("p@ss:w0rd");
		assertThat(settings.describe()).isEqualTo("db.example.supabase.co:6543/postgres");
	}

	@Test
	void uriWithoutPortOrDatabaseGetsPostgresDefaults() {
		ConnectionSettings settings = ConnectionSettings.from(Map.of("DATABASE_URL", "postgres://me@localhost"));

		assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/postgres");
		assertThat(settings.user()).isEqualTo("me");
		assertThat(settings.password()).isNull();
	}

	@Test
	void jdbcUrlCredentialsAreMovedOutOfTheUrl() {
		ConnectionSettings settings = ConnectionSettings
			.from(Map.of("DATABASE_URL", "jdbc:postgresql://h:5432/db?user=u&password=secret&sslmode=require"));

		assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/db?sslmode=require");
		assertThat(settings.user()).isEqualTo("u");
		assertThat(settings.password()).isEqualTo("secret");
	}

	@Test
	void separateVariablesWinOverTheUrl() {
		ConnectionSettings settings = ConnectionSettings.from(Map.of("DATABASE_URL", "postgresql://a:b@h/db",
				"DATABASE_USER", "service_role", "DATABASE_PASSWORD", "other"));

		assertThat(settings.user()).isEqualTo("service_role");
		assertThat(settings.password()).isEqualTo("other");
	}

	@Test
	void toStringNeverShowsThePassword() {
		ConnectionSettings settings = ConnectionSettings.from(Map.of("DATABASE_URL", "postgresql://a:hunter22@h/db"));

		assertThat(settings.toString()).doesNotContain("hunter22").contains("****");
	}

	@Test
	void missingOrForeignUrlsAreConfigurationErrorsThatDoNotEchoTheUrl() {
		assertThatThrownBy(() -> ConnectionSettings.from(Map.of())).isInstanceOf(InvalidConfigurationException.class)
			.hasMessageContaining("DATABASE_URL is not set");
		assertThatThrownBy(() -> ConnectionSettings.from(Map.of("DATABASE_URL", "mysql://u:pw1234@h/db")))
			.hasMessageContaining("'mysql:'")
			.hasMessageNotContaining("pw1234");
		assertThatThrownBy(() -> ConnectionSettings.from(Map.of("DATABASE_URL", "postgresql://u:p w@h/db")))
			.isInstanceOf(InvalidConfigurationException.class)
			.hasMessageNotContaining("p w");
	}

}
