package io.github.iotembeddings.report;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.iotembeddings.executions.ExecutionSummary;
import io.github.iotembeddings.job.VectorSources;
import org.jspecify.annotations.Nullable;

/** One run as the run reports write it: a JSON object (field names kept stable) and a Markdown row. */
final class RunEntries {

	/** The Markdown table's header; a sync history's adds the fire time of scheduled runs. */
	static String markdownHeader(boolean fireTime) {
		return "| run | restart of | mode | limit | chunk | model | status |" + (fireTime ? " fire time |" : "")
				+ " start | duration | read | written | skipped | events/s | by the model | copied within a chunk"
				+ " | copied stored | sample event ids |\n" + "| --- ".repeat(fireTime ? 18 : 17) + "|\n";
	}

	private RunEntries() {
	}

	/** @param sample the sampled event ids, or null for runs that are not sampled (syncs): the field is left out */
	static Map<String, Object> json(RunHistory.Run run, VectorSources sources, @Nullable List<Long> sample) {
		ExecutionSummary summary = run.summary();
		Map<String, Object> entry = new LinkedHashMap<>();
		entry.put("id", summary.id());
		entry.put("mode", summary.mode());
		entry.put("restartOf", run.restartOf());
		Map<String, Object> parameters = new LinkedHashMap<>();
		parameters.put("limit", summary.limit());
		parameters.put("chunkSize", summary.chunkSize());
		parameters.put("model", summary.model());
		entry.put("parameters", parameters);
		entry.put("fireTime", run.fireTime());
		entry.put("status", summary.status());
		entry.put("startTime", instant(summary.startTime()));
		entry.put("endTime", instant(summary.endTime()));
		entry.put("durationSeconds", (summary.duration() != null) ? summary.duration().toMillis() / 1000.0 : null);
		entry.put("read", summary.read());
		entry.put("written", summary.written());
		entry.put("skipped", summary.skipped());
		entry.put("rowsPerSecond", summary.rowsPerSecond());
		entry.put("embeddedByModel", sources.embedded());
		entry.put("copiedWithinChunk", sources.copiedInChunk());
		entry.put("copiedStored", sources.copiedStored());
		if (sample != null) {
			entry.put("sampleEventIds", sample);
		}
		entry.put("exitMessage", summary.exitMessage());
		return entry;
	}

	static String markdown(RunHistory.Run run, VectorSources sources, List<Long> sample, boolean fireTime) {
		ExecutionSummary summary = run.summary();
		return String.format(Locale.ROOT, "| %d | %s | %s | %s | %s | %s | %s |%s %s | %s | %d | %d | %d | %s | %d | %d | %d | %s |%n",
				summary.id(), orDash(run.restartOf()), orDash(summary.mode()), orDash(summary.limit()),
				orDash(summary.chunkSize()), orDash(summary.model()), summary.status(),
				fireTime ? " " + orDash(run.fireTime()) + " |" : "", orDash(summary.startTime()),
				(summary.duration() != null) ? String.format(Locale.ROOT, "%.1f s", summary.duration().toMillis() / 1000.0) : "-",
				summary.read(), summary.written(), summary.skipped(),
				(summary.rowsPerSecond() != null) ? String.format(Locale.ROOT, "%.1f", summary.rowsPerSecond()) : "-",
				sources.embedded(), sources.copiedInChunk(), sources.copiedStored(), sample.isEmpty() ? "-" : sample.toString());
	}

	/** Batch records times in this JVM's zone, without one. */
	static @Nullable String instant(@Nullable LocalDateTime time) {
		return (time != null) ? time.atZone(ZoneId.systemDefault()).toInstant().toString() : null;
	}

	private static String orDash(@Nullable Object value) {
		return (value != null) ? value.toString() : "-";
	}

}
