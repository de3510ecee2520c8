package io.github.iotembeddings.executions;


import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.github.iotembeddings.run.PassResult;
import io.github.iotembeddings.support.TestApplication;
import io.github.iotembeddings.support.TestDatabase;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The console's execution pages over real runs: a sync that skipped a bad event, a backfill, a backfill
 * that failed and its restart, a reconcile; one of them moved back in time to test the date filter.
 */
class ExecutionHistoryIntegrationTests {

	@RegisterExtension
	static final TestApplication app = TestApplication.of("history")
		.chunkSize(4)
		.variable("EMBEDDINGS_JOB_TEXT_SQL",
				"e.event_type || ' ' || e.device_id || ' ' || coalesce((e.payload->>'n')::int, 0)");

	static long sync;

	static long backfill;

	static long failed;

	static long restarted;

	static long reconcile;

	static long bad;

	@BeforeAll
	static void runs() throws Exception {
		TestDatabase db = app.db();
		db.insertSimpleEvents(6);
		bad = db.insertEvents(List.<String[]>of(new String[] { "bad", "reading", "{\"n\": \"not-a-number\"}" })).get(0);
		sync = id(app.sync());
		db.insertSimpleEvents(4);
		backfill = id(app.backfill(2));
		db.jdbc().execute("create function reject_all() returns trigger language plpgsql as $$"
				+ " begin raise exception 'simulated outage'; end $$");
		db.jdbc().execute("create trigger reject_all before insert on public.event_embeddings"
				+ " for each row execute function reject_all()");
		PassResult failing = app.backfill(2);
		assertThat(failing.completed()).isFalse();
		failed = id(failing);
		db.jdbc().execute("drop trigger reject_all on public.event_embeddings");
		restarted = id(app.restart(failed));
		db.insertSimpleEvents(1);
		reconcile = id(app.reconcile());
		db.jdbc().update("update batch_job_execution set start_time = timestamp '2020-01-15 10:00', end_time ="
				+ " timestamp '2020-01-15 10:01' where job_execution_id = ?", sync);
	}

	private static long id(PassResult result) {
		return result.ran().orElseThrow().getId();
	}

	@Test
	void pagesWalkTheHistoryNewestFirstWithoutGapsOrRepeats() {
		assertThat(walk(ExecutionFilter.NONE, 2)).containsExactly(List.of(reconcile, restarted), List.of(failed, backfill),
				List.of(sync));
		assertThat(walk(ExecutionFilter.NONE, 4)).containsExactly(List.of(reconcile, restarted, failed, backfill),
				List.of(sync));
		assertThat(walk(ExecutionFilter.NONE, 5)).as("a full last page says there is no next one")
			.containsExactly(List.of(reconcile, restarted, failed, backfill, sync));
		assertThat(history().latest(2)).extracting(ExecutionSummary::id).containsExactly(reconcile, restarted);
		assertThat(app.bean(ExecutionHistory.class).latest(2)).isEqualTo(history().latest(2));
		assertThat(history().latest(10_000)).as("executions --limit goes to 10,000").hasSize(5);
		assertThatThrownBy(() -> history().page(ExecutionFilter.NONE, null, 0)).isInstanceOf(InvalidFilterException.class)
			.hasMessage("a page holds 1 to 1000 executions, not 0");
	}

	@Test
	void filtersByStatusModeAndDay() {
		LocalDate yesterday = LocalDate.now().minusDays(1);
		assertThat(ids(ExecutionFilter.of("failed", null, null, null))).containsExactly(failed);
		assertThat(ids(ExecutionFilter.of(null, "backfill", null, null))).as("a restart keeps its instance's mode")
			.containsExactly(restarted, failed, backfill);
		assertThat(ids(ExecutionFilter.of(null, "sync", null, null))).containsExactly(sync);
		assertThat(ids(ExecutionFilter.of(null, "reconcile", "", " "))).containsExactly(reconcile);
		assertThat(ids(ExecutionFilter.of(null, "schedule", null, null))).isEmpty();
		assertThat(ids(ExecutionFilter.of("COMPLETED", "backfill", null, null))).containsExactly(restarted, backfill);
		assertThat(ids(ExecutionFilter.of(null, null, "2020-01-15", "2020-01-15"))).containsExactly(sync);
		assertThat(ids(ExecutionFilter.of(null, null, null, "2020-01-14"))).isEmpty();
		assertThat(ids(ExecutionFilter.of(null, null, yesterday.toString(), null)))
			.containsExactly(reconcile, restarted, failed, backfill);
		assertThat(ids(ExecutionFilter.of("COMPLETED", "sync", "2020-01-01", "2020-01-31"))).containsExactly(sync);
		assertThat(walk(ExecutionFilter.of(null, "backfill", null, null), 1)).containsExactly(List.of(restarted),
				List.of(failed), List.of(backfill));
		assertThat(walk(ExecutionFilter.of(null, null, "2020-01-01", null), 2)).as("by start time with a day filter")
			.containsExactly(List.of(reconcile, restarted), List.of(failed, backfill), List.of(sync));
		assertThat(walk(ExecutionFilter.of(null, "backfill", null, LocalDate.now().plusDays(1).toString()), 2))
			.containsExactly(List.of(restarted, failed), List.of(backfill));
	}

	@Test
	void detailHasParametersStepsTheEventsItFailedOnAndWhatMayBeDone() {
		ExecutionDetail detail = history().detail(sync).orElseThrow();
		assertThat(detail.summary().id()).isEqualTo(sync);
		assertThat(detail.summary().status()).isEqualTo("COMPLETED");
		assertThat(detail.summary().skipped()).isOne();
		assertThat(detail.parameters()).containsEntry("mode", "sync")
			.containsEntry("chunk.size", "4")
			.containsKey("model")
			.containsKey("sync.checked.through");
		assertThat(detail.steps()).hasSize(1);
		StepSummary step = detail.steps().get(0);
		assertThat(step.name()).isEqualTo("embedChunks");
		assertThat(step.status()).isEqualTo("COMPLETED");
		assertThat(step.read()).isEqualTo(7);
		assertThat(step.written()).isEqualTo(6);
		assertThat(step.skipped()).isOne();
		assertThat(step.commits()).isGreaterThanOrEqualTo(2);
		assertThat(step.exitCode()).isEqualTo("COMPLETED");
		assertThat(step.duration()).isNotNull();
		assertThat(detail.failedEvents()).singleElement().satisfies(error -> {
			assertThat(error.eventId()).isEqualTo(bad);
			assertThat(error.errorClass()).isEqualTo("TextExpressionFailed");
		});
		assertThat(detail.restartedAs()).isNull();
		assertThat(detail.actions()).isEqualTo(ExecutionDetail.Actions.NONE);

		ExecutionDetail failure = history().detail(failed).orElseThrow();
		assertThat(failure.summary().status()).isEqualTo("FAILED");
		assertThat(failure.summary().mode()).isEqualTo("backfill");
		assertThat(failure.summary().limit()).isEqualTo(2);
		// The real cause first (the list shows that line), then the description as Batch stored it (its
		// column holds 2,500 characters): the stack trace too.
		assertThat(failure.summary().exitMessage()).startsWith("cause: ").contains("simulated outage");
		assertThat(failure.exitDescription()).startsWith(failure.summary().exitMessage())
			.contains("FatalStepExecutionException")
			.contains("\n\tat ");
		assertThat(failure.failedEvents()).isEmpty();
		assertThat(failure.restartedAs()).isEqualTo(restarted);
		assertThat(failure.actions()).as("resumed already").isEqualTo(ExecutionDetail.Actions.NONE);
		assertThat(history().detail(restarted).orElseThrow().parameters()).isEqualTo(failure.parameters());
		assertThat(history().detail(restarted).orElseThrow().restartedAs()).isNull();

		assertThat(history().detail(999_999)).isEmpty();
	}

	private static List<Long> ids(ExecutionFilter filter) {
		return history().page(filter, null, 25).executions().stream().map(ExecutionSummary::id).toList();
	}

	/** @return every page of the filter, in order, as ids */
	private static List<List<Long>> walk(ExecutionFilter filter, int size) {
		List<List<Long>> pages = new ArrayList<>();
		@Nullable Long before = null;
		do {
			ExecutionPage page = history().page(filter, before, size);
			pages.add(page.executions().stream().map(ExecutionSummary::id).toList());
			before = page.nextBefore();
		}
		while (before != null);
		return pages;
	}

	private static ExecutionHistory history() {
		return app.bean(ExecutionHistory.class);
	}

}
