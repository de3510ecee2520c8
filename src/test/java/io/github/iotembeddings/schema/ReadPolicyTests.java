package io.github.iotembeddings.schema;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReadPolicyTests {

	@Test
	void aPolicyIsNamedForItsRole() {
		assertThat(ReadPolicy.policyName("authenticated")).isEqualTo("iot_embeddings_read_authenticated");
		assertThat(ReadPolicy.policyName("App Reader")).isEqualTo("iot_embeddings_read_App Reader");
	}

	@Test
	void aRoleTooLongToFollowThePrefixIsNamedByItsHashWithinPostgresLimit() {
		// given two roles that share their first 43 bytes, all a policy name has room for after the prefix
		String shared = "r".repeat(43);

		// when
		String first = ReadPolicy.policyName(shared + "_one");
		String second = ReadPolicy.policyName(shared + "_two");

		// then PostgreSQL, which cuts identifiers at 63 bytes, keeps them apart
		assertThat(ReadPolicy.policyName(shared)).isEqualTo("iot_embeddings_read_" + shared);
		assertThat(first).startsWith("iot_embeddings_read_").isNotEqualTo(second);
		assertThat(first.getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(63);
		// counted in bytes, not characters: 22 two-byte letters take 44
		assertThat(ReadPolicy.policyName("é".repeat(22))).hasSize("iot_embeddings_read_".length() + 32);
	}

}
