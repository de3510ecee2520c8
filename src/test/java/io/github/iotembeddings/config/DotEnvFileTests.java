package io.github.iotembeddings.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class DotEnvFileTests {

	@Test
	void parsesAssignmentsQuotesExportsAndComments() {
		assertThat(DotEnvFile.parse(List.of("# comment", "", "DATABASE_URL=postgresql://h/db", "export DATABASE_USER = me",
				"DATABASE_PASSWORD=\"with = sign\"", "SINGLE='x y'", "not an assignment")))
			.containsExactly(java.util.Map.entry("DATABASE_URL", "postgresql://h/db"),
					java.util.Map.entry("DATABASE_USER", "me"), java.util.Map.entry("DATABASE_PASSWORD", "with = sign"),
					java.util.Map.entry("SINGLE", "x y"));
	}

	@Test
	void missingFileGivesNothing(@TempDir Path dir) {
		assertThat(DotEnvFile.read(dir.resolve(".env"))).isEmpty();
	}

	@Test
	void readsAFile(@TempDir Path dir) throws Exception {
		Files.writeString(dir.resolve(".env"), "A=1\nB=2\n");
		assertThat(DotEnvFile.read(dir.resolve(".env"))).containsEntry("A", "1").containsEntry("B", "2");
	}

}
