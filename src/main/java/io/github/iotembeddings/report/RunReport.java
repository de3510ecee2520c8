package io.github.iotembeddings.report;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.iotembeddings.config.ConnectionSettings;
import io.github.iotembeddings.job.EmbeddingRuns;
import io.github.iotembeddings.job.ExecutionSummary;
import io.github.iotembeddings.job.VectorSources;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code emb_backfill.json} and {@code emb_backfill.md}: the latest runs of the embedding job (backfill,
 * sync and scheduled), straight from Spring Batch's metadata tables.
 */
@Component
class RunReport {

	static final String JSON = "emb_backfill.json";

	static final String MARKDOWN = "emb_backfill.md";

	static final int RUNS = 50;

	private static final int SAMPLE_IDS = 5;

	private final EmbeddingRuns runs;

	private final JdbcTemplate jdbcTemplate;

	private final ReportFiles files;

	private final ConnectionSettings connection;

	RunReport(EmbeddingRuns runs, JdbcTemplate jdbcTemplate, ReportFiles files, ConnectionSettings connection) {
		this.runs = runs;
		this.jdbcTemplate = jdbcTemplate;
		this.files = files;
		this.connection = connection;
	}

	List<Path> write() {
		List<Map<String, Object>> entries = new ArrayList<>();
		StringBuilder md = new StringBuilder("# Embedding runs\n\n");
		md.append("Database `").append(connection.describe()).append("`, from Spring Batch's metadata, newest first (")
			.append(RUNS).append(" at most), generated ").append(Instant.now()).append(".\n\n");
		md.append("| run | mode | limit | chunk | model | status | start | duration | read | written | skipped | events/s"
				+ " | by the model | copied within a chunk | copied stored | sample event ids |\n");
		md.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
		for (ExecutionSummary run : runs.recent(RUNS)) {
			List<Long> sample = sampleEventIds(run);
			VectorSources sources = runs.vectorSources(run.id());
			entries.add(entry(run, sources, sample));
			md.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %s | %s | %s | %s | %d | %d | %d | %s | %d | %d | %d | %s |%n", run.id(),
					orDash(run.mode()), orDash(run.limit()), orDash(run.chunkSize()), orDash(run.model()), run.status(),
					orDash(run.startTime()), (run.duration() != null) ? String.format(Locale.ROOT, "%.1f s", run.duration().toMillis() / 1000.0) : "-",
					run.read(), run.written(), run.skipped(),
					(run.rowsPerSecond() != null) ? String.format(Locale.ROOT, "%.1f", run.rowsPerSecond()) : "-",
					sources.embedded(), sources.copiedInChunk(), sources.copiedStored(),
					sample.isEmpty() ? "-" : sample.toString()));
		}
		Map<String, Object> report = new LinkedHashMap<>();
		report.put("generatedAt", Instant.now().toString());
		report.put("database", connection.describe());
		report.put("runs", entries);
		return List.of(files.writeJson(JSON, report), files.writeText(MARKDOWN, md.toString()));
	}

	private static Map<String, Object> entry(ExecutionSummary run, VectorSources sources, List<Long> sample) {
		Map<String, Object> entry = new LinkedHashMap<>();
		entry.put("id", run.id());
		entry.put("mode", run.mode());
		entry.put("parameters", parameters(run));
		entry.put("status", run.status());
		entry.put("startTime", instant(run.startTime()));
		entry.put("endTime", instant(run.endTime()));
		entry.put("durationSeconds", (run.duration() != null) ? run.duration().toMillis() / 1000.0 : null);
		entry.put("read", run.read());
		entry.put("written", run.written());
		entry.put("skipped", run.skipped());
		entry.put("rowsPerSecond", run.rowsPerSecond());
		entry.put("embeddedByModel", sources.embedded());
		entry.put("copiedWithinChunk", sources.copiedInChunk());
		entry.put("copiedStored", sources.copiedStored());
		entry.put("sampleEventIds", sample);
		entry.put("exitMessage", run.exitMessage());
		return entry;
	}

	private static Map<String, Object> parameters(ExecutionSummary run) {
		Map<String, Object> parameters = new LinkedHashMap<>();
		parameters.put("limit", run.limit());
		parameters.put("chunkSize", run.chunkSize());
		parameters.put("model", run.model());
		return parameters;
	}

	/**
	 * A few of the events the run wrote that still carry its timestamp (a later re-embedding replaces
	 * them). Batch records times in this JVM's zone, without one.
	 */
	private List<Long> sampleEventIds(ExecutionSummary run) {
		if (run.startTime() == null || run.written() == 0) {
			return List.of();
		}
		LocalDateTime end = (run.endTime() != null) ? run.endTime() : LocalDateTime.now();
		return jdbcTemplate.queryForList("""
				select event_id from public.event_embeddings where created_at between ? and ?
				order by event_id desc limit ?""", Long.class, timestamp(run.startTime()), timestamp(end), SAMPLE_IDS);
	}

	private static java.sql.Timestamp timestamp(LocalDateTime time) {
		return java.sql.Timestamp.from(time.atZone(ZoneId.systemDefault()).toInstant());
	}

	private static @Nullable String instant(@Nullable LocalDateTime time) {
		return (time != null) ? time.atZone(ZoneId.systemDefault()).toInstant().toString() : null;
	}

	private static String orDash(@Nullable Object value) {
		return (value != null) ? value.toString() : "-";
	}

}
