package io.github.iotembeddings.job;

import java.util.List;
import java.util.Map;

import io.github.iotembeddings.support.CliRun;
import io.github.iotembeddings.support.TestDatabase;
import io.github.iotembeddings.support.TestDatabaseServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@code backfill} and {@code sync} with the real model, on one database, in order. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackfillIntegrationTests {

	private static TestDatabase db;

	private static List<Long> ids;

	@BeforeAll
	static void createDatabase() {
		db = TestDatabaseServer.get().createDatabase("backfill");
		db.createEventsTable();
		ids = db.insertSimpleEvents(40);
		CliRun migrate = CliRun.run(db.environment(), "migrate");
		assertThat(migrate.exitCode()).as(migrate.toString()).isZero();
	}

	@AfterAll
	static void dropDatabase() {
		db.close();
	}

	@Test
	@Order(1)
	void backfillEmbedsExactlyTheNNewestEvents() {
		// when
		CliRun backfill = CliRun.run(db.environment(), "backfill", "--limit=15", "--chunk-size=4");

		// then
		assertThat(backfill.exitCode()).as(backfill.toString()).isZero();
		assertThat(backfill.out()).contains("15 events embedded").contains("25 missing");
		List<Long> embedded = db.jdbc().queryForList("select event_id from public.event_embeddings order by event_id",
				Long.class);
		assertThat(embedded).containsExactlyElementsOf(ids.subList(ids.size() - 15, ids.size()));
	}

	@Test
	@Order(2)
	void vectorsHave384DimensionsAndUnitNorm() {
		List<Map<String, Object>> rows = db.jdbc()
			.queryForList("select vector_dims(embedding) as dims, vector_norm(embedding) as norm from public.event_embeddings");
		assertThat(rows).hasSize(15);
		for (Map<String, Object> row : rows) {
			assertThat(((Number) row.get("dims")).intValue()).isEqualTo(384);
			assertThat(((Number) row.get("norm")).doubleValue()).isCloseTo(1.0, within(1e-5));
		}
		assertThat(db.count("select count(distinct embedding::text) from public.event_embeddings"))
			.as("distinct events get distinct vectors")
			.isEqualTo(15);
	}

	@Test
	@Order(3)
	void syncLeavesNothingMissing() {
		// when
		CliRun sync = CliRun.run(db.environment(), "sync", "--chunk-size=8");

		// then
		assertThat(sync.exitCode()).as(sync.toString()).isZero();
		assertThat(sync.out()).contains("25 events embedded").contains("40 events, 40 embedded, 0 missing");
		assertThat(db.missing()).isZero();
	}

	@Test
	@Order(4)
	void syncWithNothingToDoWritesNothing() {
		// given every event embedded, and the time each was embedded
		List<String> before = db.jdbc().queryForList("select created_at::text from public.event_embeddings order by event_id",
				String.class);

		// when
		CliRun sync = CliRun.run(db.environment(), "sync");

		// then
		assertThat(sync.exitCode()).as(sync.toString()).isZero();
		assertThat(sync.out()).contains(" 0 events embedded");
		assertThat(db.jdbc().queryForList("select created_at::text from public.event_embeddings order by event_id",
				String.class)).isEqualTo(before);
	}

	@Test
	@Order(5)
	void executionsListsTheRunsNewestFirst() {
		// when
		CliRun executions = CliRun.run(db.environment(), "executions");

		// then
		assertThat(executions.exitCode()).as(executions.toString()).isZero();
		List<String> lines = executions.out().lines().toList();
		assertThat(lines.get(0)).startsWith("ID").contains("STATUS").contains("WRITTEN");
		assertThat(lines).hasSize(4);
		assertThat(lines.get(3)).contains("COMPLETED").contains("backfill").contains("15");
		assertThat(lines.get(1)).contains("COMPLETED").contains("sync");
	}

}
