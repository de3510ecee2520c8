package io.github.iotembeddings.report;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.iotembeddings.config.ConnectionSettings;
import io.github.iotembeddings.executions.ExecutionHistory;
import io.github.iotembeddings.job.VectorSources;

import org.springframework.stereotype.Component;

/**
 * {@code emb_sync_history.json} and {@code emb_sync_history.md}: the latest sync runs ({@code sync},
 * {@code schedule}, {@code reconcile}, and restarts of them), newest first, with fire time, status, counts,
 * duration, rate and where the vectors came from, and how syncs are scheduled. A sync with nothing to do
 * launches no run and adds none.
 */
@Component
class SyncHistoryReport {

	static final String JSON = "emb_sync_history.json";

	static final String MARKDOWN = "emb_sync_history.md";

	static final int RUNS = 50;

	static final Set<String> MODES = Set.of("sync", "schedule", "reconcile");

	private final RunHistory history;

	private final ExecutionHistory executions;

	private final SyncSchedule schedule;

	private final TableStatistics statistics;

	private final ReportFiles files;

	private final ConnectionSettings connection;

	SyncHistoryReport(RunHistory history, ExecutionHistory executions, SyncSchedule schedule, TableStatistics statistics,
			ReportFiles files, ConnectionSettings connection) {
		this.history = history;
		this.executions = executions;
		this.schedule = schedule;
		this.statistics = statistics;
		this.files = files;
		this.connection = connection;
	}

	List<Path> write() {
		SyncSchedule.State state = schedule.now();
		TableStatistics.Analysis analysis = statistics.now();
		List<Map<String, Object>> entries = new ArrayList<>();
		StringBuilder md = new StringBuilder("# Sync runs\n\n");
		md.append("Database `").append(connection.describe()).append("`, generated ").append(Instant.now()).append(".\n\n");
		md.append("Schedule: ").append(state.markdown()).append(".\n\n");
		md.append("Table statistics of `public.event_embeddings`: ").append(analysis.describe()).append(".\n\n");
		md.append("The latest sync runs (`sync`, `schedule`, `reconcile`; ").append(RUNS)
			.append(" at most) from Spring Batch's metadata, newest first; a sync with nothing to do launches no run."
					+ " Backfills are in `")
			.append(BackfillReport.MARKDOWN).append("`.\n\n").append(RunEntries.markdownHeader(true));
		for (RunHistory.Run run : history.latest(MODES, RUNS)) {
			VectorSources sources = executions.vectorSources(run.summary().id());
			entries.add(RunEntries.json(run, sources, null));
			md.append(RunEntries.markdown(run, sources, List.of(), true));
		}
		Map<String, Object> report = new LinkedHashMap<>();
		report.put("generatedAt", Instant.now().toString());
		report.put("database", connection.describe());
		report.put("schedule", SyncReports.scheduleJson(state));
		report.put("tableStatistics", analysis);
		report.put("runs", entries);
		return List.of(files.writeJson(JSON, report), files.writeText(MARKDOWN, md.toString()));
	}

}
