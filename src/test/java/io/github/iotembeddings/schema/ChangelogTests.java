package io.github.iotembeddings.schema;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.iotembeddings.support.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChangelogTests {

	private static final Pattern INCLUDE = Pattern.compile("<include file=\"([^\"]+)\"");

	private static final Pattern CHANGESET = Pattern.compile("(?:--changeset [^:]+:(\\S+))|(?:<changeSet id=\"([^\"]+)\")");

	@Test
	void preflightKnowsTheLastChangesetOfTheChangelog() throws Exception {
		List<String> ids = new ArrayList<>();
		Matcher includes = INCLUDE.matcher(Files.readString(Path.of("liquibase/changelog.xml")));
		while (includes.find()) {
			Matcher changesets = CHANGESET.matcher(Files.readString(Path.of("liquibase", includes.group(1))));
			while (changesets.find()) {
				ids.add(changesets.group(1) != null ? changesets.group(1) : changesets.group(2));
			}
		}
		assertThat(ids).hasSizeGreaterThanOrEqualTo(4).doesNotHaveDuplicates();
		assertThat(ids.get(ids.size() - 1)).isEqualTo(SchemaMigrator.LATEST_CHANGESET);
	}

	@Test
	void firstChangesetIsTheSpecifiedDdlVerbatim() throws Exception {
		String changeset = Files.readString(Path.of("liquibase/changes/001-event-embeddings.sql"));
		assertThat(changeset).contains(TestDatabase.SPECIFIED_EMBEDDINGS_DDL);
	}

}
