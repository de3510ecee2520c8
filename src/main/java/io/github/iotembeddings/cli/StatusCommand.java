package io.github.iotembeddings.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import io.github.iotembeddings.common.Durations;
import io.github.iotembeddings.config.IndexProperties;
import io.github.iotembeddings.config.IndexProperties.IndexType;
import io.github.iotembeddings.index.IndexPolicy;
import io.github.iotembeddings.index.IndexState;
import io.github.iotembeddings.index.IndexInspector;
import io.github.iotembeddings.index.SearchSettings;
import io.github.iotembeddings.sync.Backlog;
import io.github.iotembeddings.sync.FullCheckResult;
import io.github.iotembeddings.sync.BacklogQuery;
import io.github.iotembeddings.executions.ExecutionHistory;
import io.github.iotembeddings.executions.ExecutionSummary;
import io.github.iotembeddings.sync.PendingWork;
import io.github.iotembeddings.model.ModelIdentity;
import io.github.iotembeddings.schema.DatabasePreflight;
import io.github.iotembeddings.schema.RowParity;
import io.github.iotembeddings.status.StallCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.springframework.context.ApplicationContext;

/** The state at a glance, the figures {@code schedule} exports as metrics. */
@Command(name = "status", description = "at a glance: coverage, pending events and the oldest one's wait, stale"
		+ " rows, the latest runs, the index")
final class StatusCommand extends ParsedCommand {

	@Option(names = "--exact", arity = "0..1", paramLabel = "true|false",
			description = "also count both tables exactly (row parity: reads every event and embedding)")
	boolean exact;

	@Override
	int run(ApplicationContext context, PrintStream out) {
		context.getBean(DatabasePreflight.class).requireReady();
		BacklogQuery backlogQuery = context.getBean(BacklogQuery.class);
		String modelId = context.getBean(ModelIdentity.class).id();
		long started = System.nanoTime();
		Backlog backlog = backlogQuery.measure(modelId);
		long measuredMillis = (System.nanoTime() - started) / 1_000_000;
		// Once more, warm, as the scheduler's refresh runs it every few seconds: the first pays for plans
		// and a fresh connection.
		started = System.nanoTime();
		backlogQuery.measure(modelId);
		long warmMillis = (System.nanoTime() - started) / 1_000_000;
		PendingWork.Counts pending = backlog.pending();
		out.printf(Locale.ROOT, "coverage:  %.1f%% of about %,d events embedded and current (about %,d rows) with %s%n",
				backlog.coveragePercent(), backlog.events(), backlog.embedded(), modelId);
		out.printf(Locale.ROOT, "backlog:   %,d events pending (%,d new, %,d queued changes, %,d retries due), the oldest"
				+ " waiting %s; %,d in the errors list%n", pending.total(), pending.unembedded(), pending.queued(),
				pending.retryDue(), pending.total() == 0 ? "-" : Durations.human(backlog.lag()), backlog.failing());
		out.println("syncs:     " + context.getBean(StallCheck.class).stalled(backlog).orElse("keeping up"));
		out.println("watermark: " + ((backlog.checkedThrough() == null) ? "none yet: the next sync walks every event"
				: String.format(Locale.ROOT, "every event through id %,d had an embedding at the last sync, %s ago",
						backlog.checkedThrough(), Durations.human(Duration.between(backlog.lastSync(), backlog.measuredAt())))));
		FullCheckResult check = backlog.lastFullCheck();
		out.println("full check: " + ((check == null) ? "never run: run reconcile (schedule runs it nightly)"
				: String.format(Locale.ROOT, "%s ago, %,d events in %.1f s: %,d missing, %,d changed texts, %,d from another"
						+ " model, %,d orphans; %,d queued", Durations.human(backlog.fullCheckAge()), check.events(),
						check.duration().toMillis() / 1000.0, check.missing(), check.staleText(), check.otherModel(),
						check.orphans(), check.queued())));
		out.printf(Locale.ROOT, "measured:  backlog in %d ms, %d ms warm (what the metrics refresh costs each time)%n",
				measuredMillis, warmMillis);
		if (exact) {
			started = System.nanoTime();
			RowParity.Counts parity = context.getBean(RowParity.class).count();
			out.printf(Locale.ROOT, "exact:     %,d events, %,d embedded, %,d missing (counted in %d ms: every row of both"
					+ " tables)%n", parity.events(), parity.embedded(), parity.missing(),
					(System.nanoTime() - started) / 1_000_000);
		}
		IndexState index = context.getBean(IndexInspector.class).inspect();
		out.println("index:     " + describe(index, context.getBean(IndexProperties.class)));
		List<ExecutionSummary> latest = context.getBean(ExecutionHistory.class).latest(3);
		if (latest.isEmpty()) {
			out.println("runs:      none yet");
		}
		for (int i = 0; i < latest.size(); i++) {
			ExecutionSummary run = latest.get(i);
			Duration duration = run.duration();
			out.printf(Locale.ROOT, "%s execution %d %s %s, %,d embedded%s%s%n", (i == 0) ? "runs:     " : "          ",
					run.id(), Columns.orDash(run.mode()), run.status(), run.written(),
					(duration != null) ? String.format(Locale.ROOT, " in %.1f s", duration.toMillis() / 1000.0) : "",
					(run.startTime() != null) ? ", started " + run.startTime().withNano(0) : "");
		}
		return ExitCodes.DONE;
	}

	private static String describe(IndexState index, IndexProperties indexProperties) {
		if (!index.exists()) {
			return "none: similarity queries scan the whole table";
		}
		String shape = index.is(IndexType.IVFFLAT)
				? String.format(Locale.ROOT, "ivfflat, lists = %d (recommended for %,d rows: %d)", index.lists(), index.rows(),
						IndexPolicy.recommendedLists(index.rows()))
				: String.format(Locale.ROOT, "hnsw, m = %d, ef_construction = %d", index.m(), index.efConstruction());
		SearchSettings search = SearchSettings.forIndex(index, indexProperties);
		return shape + String.format(Locale.ROOT, ", %.0f MB, %s, %s; the tool searches with %s = %d", index.sizeBytes() / 1e6,
				index.valid() ? "valid" : "INVALID", (index.builtOnRows() != null)
						? String.format(Locale.ROOT, "built by the tool on %,d rows", index.builtOnRows()) : "not built by the tool",
				search.name(), search.value())
				+ IndexPolicy.plan(index, indexProperties).map(plan -> "; due for a rebuild: " + plan.reason()).orElse("");
	}

}
