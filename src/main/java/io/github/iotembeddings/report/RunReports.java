package io.github.iotembeddings.report;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.iotembeddings.config.ConnectionSettings;
import io.github.iotembeddings.executions.ExecutionHistory;

import org.springframework.stereotype.Component;

/**
 * The run histories from Spring Batch's metadata, newest first: {@code emb_backfill.{json,md}}, the backfill runs
 * with sampled event ids, and {@code emb_sync_history.{json,md}}, the sync runs ({@code sync}, {@code schedule},
 * {@code reconcile}, and restarts of them) with how syncs are scheduled. A restart of a backfill execution is a
 * run of that backfill (its job instance keeps the {@code backfill} mode, its limit and its parameters), listed
 * with the execution it resumed; syncs have their own history, so a sync a minute later leaves the backfill report
 * describing the backfill. A sync with nothing to do launches no run and adds none.
 */
@Component
class RunReports {

	static final String BACKFILLS = "emb_backfill";

	static final String SYNCS = "emb_sync_history";

	static final int RUNS = 50;

	static final Set<String> SYNC_MODES = Set.of("sync", "schedule", "reconcile");

	private final RunHistory history;

	private final ExecutionHistory executions;

	private final RunSample sample;

	private final SyncSchedule schedule;

	private final TableStatistics statistics;

	private final ReportFiles files;

	private final ReportTemplates templates;

	private final ConnectionSettings connection;

	RunReports(RunHistory history, ExecutionHistory executions, RunSample sample, SyncSchedule schedule,
			TableStatistics statistics, ReportFiles files, ReportTemplates templates, ConnectionSettings connection) {
		this.history = history;
		this.executions = executions;
		this.sample = sample;
		this.schedule = schedule;
		this.statistics = statistics;
		this.files = files;
		this.templates = templates;
		this.connection = connection;
	}

	List<Path> writeBackfills() {
		List<RunEntry> entries = entries(Set.of("backfill"), true);
		return write(BACKFILLS, new BackfillFile(Instant.now().toString(), connection.describe(), RunSample.METHOD,
				statistics.now(), entries), false, Map.of());
	}

	List<Path> writeSyncs() {
		SyncSchedule.State state = schedule.now();
		List<RunEntry> entries = entries(SYNC_MODES, false);
		return write(SYNCS, new SyncHistoryFile(Instant.now().toString(), connection.describe(),
				SyncSchedule.Entry.of(state), statistics.now(), entries), true, Map.of("scheduleInWords", state.markdown()));
	}

	/** @param sampled whether to draw sample event ids (backfills) */
	private List<RunEntry> entries(Set<String> modes, boolean sampled) {
		return history.latest(modes, RUNS).stream()
			.map(run -> RunEntry.of(run, executions.vectorSources(run.summary().id()), sampled ? sample.draw(run.summary()) : null))
			.toList();
	}

	/**
	 * Both histories the same way: the JSON from the file's record; the Markdown from its template, with the table
	 * of runs ({@code runs.md}) and the table's statistics in words that both share.
	 * @param fireTime whether the table of runs has a fire-time column (syncs)
	 * @param variables what the Markdown says besides the JSON's fields
	 */
	private List<Path> write(String name, RunsFile report, boolean fireTime, Map<String, Object> variables) {
		Map<String, Object> markdown = new HashMap<>(variables);
		markdown.put("report", report);
		markdown.put("atMost", RUNS);
		markdown.put("runTable", templates.part("runs.md", Map.of("runs", report.runs(), "fireTime", fireTime)));
		markdown.put("statistics", templates.part(TableStatistics.PHRASE, Map.of("analysis", report.tableStatistics())));
		return List.of(files.writeJson(name + ".json", report), files.writeTemplate(name + ".md", markdown));
	}

	/** What the two histories' files have in common. */
	sealed interface RunsFile permits BackfillFile, SyncHistoryFile {

		TableStatistics.Analysis tableStatistics();

		List<RunEntry> runs();

	}

	/** {@code emb_backfill.json}: its fields, in order. */
	record BackfillFile(String generatedAt, String database, String sampleMethod,
			TableStatistics.Analysis tableStatistics, List<RunEntry> runs) implements RunsFile {

	}

	/** {@code emb_sync_history.json}: its fields, in order. */
	record SyncHistoryFile(String generatedAt, String database, SyncSchedule.Entry schedule,
			TableStatistics.Analysis tableStatistics, List<RunEntry> runs) implements RunsFile {

	}

}
