package io.github.iotembeddings.common;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SecretRedactorTests {

	@Test
	void masksSecretLookingVariablesAndUrlPasswords() {
		SecretRedactor redactor = SecretRedactor.of(Map.of("DATABASE_PASSWORD", "s3cr3t-pw", "SUPABASE_SERVICE_KEY",
				"eyJhbGciOi", "DATABASE_USER", "postgres")).with("decoded@pw");

		String redacted = redactor.redact("failed for s3cr3t-pw with eyJhbGciOi at postgresql://postgres:abc%40def@host/db"
				+ " and decoded@pw");

		assertThat(redacted).doesNotContain("s3cr3t-pw", "eyJhbGciOi", "abc%40def", "decoded@pw")
			.contains("postgres", "postgresql://postgres:****@host/db");
	}

	@Test
	void veryShortValuesAreNotTreatedAsSecrets() {
		assertThat(SecretRedactor.of(Map.of("API_KEY", "a")).redact("a table")).isEqualTo("a table");
	}

}
