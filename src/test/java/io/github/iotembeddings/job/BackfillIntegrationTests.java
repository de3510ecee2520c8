package io.github.iotembeddings.job;

import java.util.List;
import java.util.Map;

import io.github.iotembeddings.run.PassResult;
import io.github.iotembeddings.schema.RowParity;
import io.github.iotembeddings.support.CliRun;
import io.github.iotembeddings.support.TestApplication;
import io.github.iotembeddings.support.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Backfill and sync passes with the real model, in-process, on one database, in order. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackfillIntegrationTests {

	@RegisterExtension
	static final TestApplication app = TestApplication.of("backfill").chunkSize(4);

	private static TestDatabase db;

	private static List<Long> ids;

	@BeforeAll
	static void insertEvents() {
		db = app.db();
		ids = db.insertSimpleEvents(40);
	}

	@Test
	@Order(1)
	void backfillEmbedsExactlyTheNNewestEvents() throws Exception {
		// when
		PassResult backfill = app.backfill(15);

		// then
		assertThat(backfill.completed()).as(backfill.failure()).isTrue();
		assertThat(backfill.eventsWritten()).isEqualTo(15);
		assertThat(app.bean(RowParity.class).count().missing()).isEqualTo(25);
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
	void syncLeavesNothingMissing() throws Exception {
		// when
		PassResult sync = app.sync();

		// then
		assertThat(sync.completed()).as(sync.failure()).isTrue();
		assertThat(sync.eventsWritten()).isEqualTo(25);
		assertThat(app.bean(RowParity.class).count()).isEqualTo(new RowParity.Counts(40, 40, 0));
		assertThat(db.missing()).isZero();
	}

	@Test
	@Order(4)
	void syncWithNothingToDoWritesNothing() {
		// given every event embedded, and the time each was embedded
		List<String> before = db.jdbc().queryForList("select created_at::text from public.event_embeddings order by event_id",
				String.class);
		long executions = db.count("select count(*) from batch_job_execution");

		// when the command line syncs (what it prints is checked here, once)
		CliRun sync = CliRun.run(app.environment(), "sync");

		// then
		assertThat(sync.exitCode()).as(sync.toString()).isZero();
		assertThat(sync.out()).contains("sync: nothing to do").contains("no run launched");
		assertThat(db.jdbc().queryForList("select created_at::text from public.event_embeddings order by event_id",
				String.class)).isEqualTo(before);
		assertThat(db.count("select count(*) from batch_job_execution")).as("no Batch history for nothing")
			.isEqualTo(executions);
	}

	@Test
	@Order(5)
	void executionsListsTheRunsNewestFirst() {
		// when
		CliRun executions = CliRun.run(app.environment(), "executions");

		// then
		assertThat(executions.exitCode()).as(executions.toString()).isZero();
		List<String> lines = executions.out().lines().toList();
		assertThat(lines.get(0)).startsWith("ID").contains("STATUS").contains("WRITTEN");
		assertThat(lines).hasSize(3);
		assertThat(lines.get(2)).contains("COMPLETED").contains("backfill").contains("15");
		assertThat(lines.get(1)).contains("COMPLETED").contains("sync");
	}

}
