package io.github.iotembeddings.report;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.iotembeddings.executions.ExecutionSummary;
import io.github.iotembeddings.job.VectorSources;
import org.jspecify.annotations.Nullable;

/**
 * One run as the run reports write it: an object of their JSON (the components, in this order, are its
 * fields: _reports/README.md) and a row of their Markdown table ({@code runs.md}).
 *
 * @param sampleEventIds the sampled event ids; null for runs that are not sampled (syncs), which the JSON
 * leaves out
 * @param recordedStart the start as Batch records it, in this JVM's zone: the Markdown shows it as recorded
 */
record RunEntry(long id, @Nullable String mode, @Nullable Long restartOf, Parameters parameters,
		@Nullable String fireTime, String status, @Nullable String startTime, @Nullable String endTime,
		@Nullable Double durationSeconds, long read, long written, long skipped, @Nullable Double rowsPerSecond,
		long embeddedByModel, long copiedWithinChunk, long copiedStored,
		@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable List<Long> sampleEventIds, String exitMessage,
		@JsonIgnore @Nullable LocalDateTime recordedStart) {

	static RunEntry of(RunHistory.Run run, VectorSources sources, @Nullable List<Long> sample) {
		ExecutionSummary summary = run.summary();
		return new RunEntry(summary.id(), summary.mode(), run.restartOf(),
				new Parameters(summary.limit(), summary.chunkSize(), summary.model()), run.fireTime(), summary.status(),
				instant(summary.startTime()), instant(summary.endTime()), run.durationSeconds(), summary.read(),
				summary.written(), summary.skipped(), summary.rowsPerSecond(), sources.embedded(), sources.copiedInChunk(),
				sources.copiedStored(), sample, summary.exitMessage(), summary.startTime());
	}

	/** Batch records times in this JVM's zone, without one. */
	private static @Nullable String instant(@Nullable LocalDateTime time) {
		return (time != null) ? time.atZone(ZoneId.systemDefault()).toInstant().toString() : null;
	}

	/**
	 * What the run was launched with.
	 *
	 * @param limit backfill's N
	 * @param chunkSize events per chunk and per model call
	 * @param model model and token limit, e.g. {@code all-MiniLM-L6-v2@256}
	 */
	record Parameters(@Nullable Long limit, @Nullable Long chunkSize, @Nullable String model) {

	}

}
