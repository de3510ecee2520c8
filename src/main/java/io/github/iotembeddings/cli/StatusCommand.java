package io.github.iotembeddings.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

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

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * {@code status}: the state at a glance, the figures {@code schedule} exports as metrics: coverage,
 * backlog and lag, the latest runs, the index.
 */
@Component
class StatusCommand implements CommandHandler<Commands.Status> {

	private final DatabasePreflight preflight;

	private final ObjectProvider<ModelIdentity> model;

	private final BacklogQuery backlogQuery;

	private final ExecutionHistory history;

	private final IndexInspector indexInspector;

	private final IndexProperties indexProperties;

	private final StallCheck stallCheck;

	private final RowParity rowParity;

	StatusCommand(DatabasePreflight preflight, ObjectProvider<ModelIdentity> model, BacklogQuery backlogQuery,
			ExecutionHistory history, IndexInspector indexInspector, IndexProperties indexProperties, StallCheck stallCheck,
			RowParity rowParity) {
		this.rowParity = rowParity;
		this.stallCheck = stallCheck;
		this.preflight = preflight;
		this.model = model;
		this.backlogQuery = backlogQuery;
		this.history = history;
		this.indexInspector = indexInspector;
		this.indexProperties = indexProperties;
	}

	@Override
	public int run(Commands.Status command, PrintStream out) {
		preflight.requireReady();
		String modelId = model.getObject().id();
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
				pending.retryDue(), pending.total() == 0 ? "-" : human(backlog.lag()), backlog.failing());
		out.println("syncs:     " + stallCheck.stalled(backlog).orElse("keeping up"));
		out.println("watermark: " + ((backlog.checkedThrough() == null) ? "none yet: the next sync walks every event"
				: String.format(Locale.ROOT, "every event through id %,d had an embedding at the last sync, %s ago",
						backlog.checkedThrough(), human(Duration.between(backlog.lastSync(), backlog.measuredAt())))));
		FullCheckResult check = backlog.lastFullCheck();
		out.println("full check: " + ((check == null) ? "never run: run reconcile (schedule runs it nightly)"
				: String.format(Locale.ROOT, "%s ago, %,d events in %.1f s: %,d missing, %,d changed texts, %,d from another"
						+ " model, %,d orphans; %,d queued", human(backlog.fullCheckAge()), check.events(),
						check.duration().toMillis() / 1000.0, check.missing(), check.staleText(), check.otherModel(),
						check.orphans(), check.queued())));
		out.printf(Locale.ROOT, "measured:  backlog in %d ms, %d ms warm (what the metrics refresh costs each time)%n",
				measuredMillis, warmMillis);
		if (command.exact) {
			started = System.nanoTime();
			RowParity.Counts parity = rowParity.count();
			out.printf(Locale.ROOT, "exact:     %,d events, %,d embedded, %,d missing (counted in %d ms: every row of both"
					+ " tables)%n", parity.events(), parity.embedded(), parity.missing(),
					(System.nanoTime() - started) / 1_000_000);
		}
		IndexState index = indexInspector.inspect();
		out.println("index:     " + describe(index));
		List<ExecutionSummary> latest = history.latest(3);
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

	private String describe(IndexState index) {
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

	private static String human(Duration duration) {
		long seconds = duration.toSeconds();
		if (seconds < 120) {
			return seconds + " s";
		}
		if (seconds < 7200) {
			return (seconds / 60) + " min";
		}
		return (seconds / 3600) + " h";
	}

}
