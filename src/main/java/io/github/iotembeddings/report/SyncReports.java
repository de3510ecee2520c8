package io.github.iotembeddings.report;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.iotembeddings.config.ConnectionSettings;
import io.github.iotembeddings.sync.ChangeTriggers;
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

	/** How many of the latest scheduled runs the Markdown lists. */
	static final int SCHEDULED_RUNS = 10;

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
		SyncSchedule.State state = syncSchedule.now();
		long embedded = samples.stream().filter(SyncCheck.Sample::embedded).count();
		SyncTestFile report = new SyncTestFile(Instant.now().toString(), connection.describe(), state.quartzCron(),
				SyncSchedule.Entry.of(state), changeTriggers.installed(), !samples.isEmpty() && embedded == samples.size(),
				Latency.of(samples), samples);
		Map<String, Object> markdown = Map.of("report", report, "scheduleInWords", state.markdown(), "embedded", embedded,
				"scheduled", history.latest(Set.of("schedule"), SCHEDULED_RUNS));
		return List.of(files.writeJson(SYNC_TEST_JSON, report), files.writeTemplate(SYNC_SCHEDULE_MD, markdown));
	}

	/** {@code emb_sync_test.json}: its fields, in order. */
	record SyncTestFile(String generatedAt, String database, @Nullable String cron, SyncSchedule.Entry schedule,
			boolean changeTriggerInstalled, boolean passed, Latency latencyMs, List<SyncCheck.Sample> samples) {

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
