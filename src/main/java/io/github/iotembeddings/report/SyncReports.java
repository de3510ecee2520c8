package io.github.iotembeddings.report;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.github.iotembeddings.config.ConnectionSettings;
import io.github.iotembeddings.changes.ChangeTriggers;
import io.github.iotembeddings.validate.SyncCheck;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Writes {@code emb_sync_test.json} (the sync check's samples and latency percentiles) and
 * {@code emb_sync_schedule.md} (how syncs are scheduled and launched, and the latest scheduled runs from the
 * Batch metadata). Field names of the JSON are documented in _reports/README.md and kept stable.
 */
@Component
public class SyncReports {

	static final String SYNC_TEST_JSON = "emb_sync_test.json";

	static final String SYNC_SCHEDULE_MD = "emb_sync_schedule.md";

	private final ReportFiles files;

	private final ConnectionSettings connection;

	private final ChangeTriggers changeTriggers;

	private final SyncSchedule syncSchedule;

	private final RunHistory history;

	SyncReports(ReportFiles files, ConnectionSettings connection, ChangeTriggers changeTriggers,
			SyncSchedule syncSchedule, RunHistory history) {
		this.files = files;
		this.connection = connection;
		this.changeTriggers = changeTriggers;
		this.syncSchedule = syncSchedule;
		this.history = history;
	}

	/** @return the files written */
	public List<Path> write(List<SyncCheck.Sample> samples) {
		return List.of(files.writeJson(SYNC_TEST_JSON, syncTest(samples)), files.writeText(SYNC_SCHEDULE_MD, schedule(samples)));
	}

	private Map<String, Object> syncTest(List<SyncCheck.Sample> samples) {
		SyncSchedule.State state = syncSchedule.now();
		Map<String, Object> report = new LinkedHashMap<>();
		report.put("generatedAt", Instant.now().toString());
		report.put("database", connection.describe());
		report.put("cron", state.quartzCron());
		report.put("schedule", SyncSchedule.Entry.of(state));
		report.put("changeTriggerInstalled", changeTriggers.installed());
		report.put("passed", !samples.isEmpty() && samples.stream().allMatch(SyncCheck.Sample::embedded));
		report.put("latencyMs", Latency.of(samples));
		report.put("samples", samples);
		return report;
	}

	private String schedule(List<SyncCheck.Sample> samples) {
		SyncSchedule.State state = syncSchedule.now();
		Latency latency = Latency.of(samples);
		StringBuilder md = new StringBuilder();
		md.append("# Embedding sync schedule\n\n");
		md.append("Database `").append(connection.describe()).append("`, generated ").append(Instant.now()).append(".\n\n");
		md.append("| | |\n| --- | --- |\n");
		md.append("| job | Spring Batch `embedEvents`: events with a missing or stale embedding, newest first |\n");
		md.append("| schedule | ").append(state.markdown()).append(" |\n");
		md.append("| change trigger on iot_events | ").append(changeTriggers.installed()
				? "installed: `schedule` syncs within about a second of an insert" : "not installed (opt in with install-trigger)")
			.append(" |\n");
		md.append(String.format(Locale.ROOT, "| sync check | %d of %d events embedded; latency p50 %s ms, p95 %s ms, max %s ms |%n%n",
				samples.stream().filter(SyncCheck.Sample::embedded).count(), samples.size(), latency.p50(), latency.p95(),
				latency.max()));
		md.append("## How a sync is launched\n\n");
		md.append("- `schedule` (long-running, e.g. the Deployment in k8s/): Quartz fires the sync on its cron."
				+ " Its JDBC job store is clustered through the database, so with several replicas each fire time runs"
				+ " once, and a fire time that comes while a sync runs waits for it and then runs once.\n");
		md.append("- `sync` (one-shot, e.g. the CronJob in k8s/): one pass, exit 0 or 1. A sync that finds another run in"
				+ " progress on the database exits 0 at once: that run embeds what is pending. The tool cannot see a"
				+ " CronJob's schedule: `EMBEDDINGS_SYNC_EXTERNAL_SCHEDULE` tells it (k8s/ sets it to the CronJob's own).\n");
		md.append("- With the change trigger installed, `schedule` also syncs as soon as iot_events changes;"
				+ " the cron stays the safety net.\n\n");
		md.append("## Latest scheduled runs\n\nEvery sync run is in `").append(RunReports.SYNCS).append(".md")
			.append("`.\n\n| execution | fire time | status | written | duration |\n| --- | --- | --- | --- | --- |\n");
		for (RunHistory.Run run : history.latest(Set.of("schedule"), 10)) {
			md.append(String.format(Locale.ROOT, "| %d | %s | %s | %d | %s |%n", run.summary().id(), run.fireTime(),
					run.summary().status(), run.summary().written(), (run.summary().duration() != null)
							? String.format(Locale.ROOT, "%.2f s", run.summary().duration().toMillis() / 1000.0) : "-"));
		}
		return md.toString();
	}

	/**
	 * Nearest-rank percentiles of the embedded samples' latencies; {@code null} when none was embedded.
	 *
	 * @param p50 median, ms
	 * @param p95 95th percentile, ms
	 * @param max slowest, ms
	 */
	public record Latency(@Nullable Long p50, @Nullable Long p95, @Nullable Long max) {

		public static Latency of(List<SyncCheck.Sample> samples) {
			List<Long> sorted = samples.stream()
				.filter(SyncCheck.Sample::embedded)
				.map(SyncCheck.Sample::latencyMs)
				.sorted()
				.toList();
			if (sorted.isEmpty()) {
				return new Latency(null, null, null);
			}
			return new Latency(rank(sorted, 50), rank(sorted, 95), sorted.get(sorted.size() - 1));
		}

		static long rank(List<Long> sorted, int percentile) {
			int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
			return sorted.get(Math.max(index, 0));
		}

	}

}
