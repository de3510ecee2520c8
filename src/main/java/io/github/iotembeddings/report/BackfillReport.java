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
 * {@code emb_backfill.json} and {@code emb_backfill.md}: the latest backfill runs, newest first, straight
 * from Spring Batch's metadata tables. A restart of a backfill execution is a run of that backfill (its
 * job instance keeps the {@code backfill} mode, its limit and its parameters) and appears here, marked with
 * the execution it resumed; syncs have their own history ({@link SyncHistoryReport}), so a sync a minute
 * later leaves this report describing the backfill.
 */
@Component
class BackfillReport {

	static final String JSON = "emb_backfill.json";

	static final String MARKDOWN = "emb_backfill.md";

	static final int RUNS = 50;

	private final RunHistory history;

	private final ExecutionHistory executions;

	private final RunSample sample;

	private final TableStatistics statistics;

	private final ReportFiles files;

	private final ConnectionSettings connection;

	BackfillReport(RunHistory history, ExecutionHistory executions, RunSample sample, TableStatistics statistics,
			ReportFiles files, ConnectionSettings connection) {
		this.history = history;
		this.executions = executions;
		this.sample = sample;
		this.statistics = statistics;
		this.files = files;
		this.connection = connection;
	}

	List<Path> write() {
		List<RunHistory.Run> backfills = history.latest(Set.of("backfill"), RUNS);
		TableStatistics.Analysis analysis = statistics.now();
		List<Map<String, Object>> entries = new ArrayList<>();
		StringBuilder md = new StringBuilder("# Backfill runs\n\n");
		md.append("Database `").append(connection.describe()).append("`, generated ").append(Instant.now())
			.append(". The latest backfill runs (").append(RUNS).append(" at most) from Spring Batch's metadata, newest first;")
			.append(" a restart of a backfill execution is a run of that backfill, listed with the execution it resumed.")
			.append(" Syncs are in `").append(SyncHistoryReport.MARKDOWN).append("`.\n\n");
		if (backfills.isEmpty()) {
			md.append("No backfill has run.\n\n");
		}
		else {
			md.append("Sample event ids: ").append(RunSample.METHOD).append(".\n\n").append(RunEntries.markdownHeader(false));
		}
		for (RunHistory.Run run : backfills) {
			List<Long> ids = sample.draw(run.summary());
			VectorSources sources = executions.vectorSources(run.summary().id());
			entries.add(RunEntries.json(run, sources, ids));
			md.append(RunEntries.markdown(run, sources, ids, false));
		}
		md.append("\nTable statistics of `public.event_embeddings`: ").append(analysis.describe()).append(".\n");
		Map<String, Object> report = new LinkedHashMap<>();
		report.put("generatedAt", Instant.now().toString());
		report.put("database", connection.describe());
		report.put("sampleMethod", RunSample.METHOD);
		report.put("tableStatistics", analysis);
		report.put("runs", entries);
		return List.of(files.writeJson(JSON, report), files.writeText(MARKDOWN, md.toString()));
	}

}
