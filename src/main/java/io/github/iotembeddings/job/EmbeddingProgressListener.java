package io.github.iotembeddings.job;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import io.github.iotembeddings.config.JobProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Logs how far a run is: events done of the total, rate and ETA, at most every few seconds, and a
 * summary at the end. The total is counted once when the step starts; events inserted meanwhile are
 * the next run's.
 */
class EmbeddingProgressListener implements StepExecutionListener, ItemWriteListener<EventText> {

	private static final Log logger = LogFactory.getLog(EmbeddingProgressListener.class);

	private static final long REPORT_EVERY_NANOS = Duration.ofSeconds(5).toNanos();

	private static final String READ_COUNT_KEY = "eventsWithoutEmbedding.read.count";

	private final NamedParameterJdbcTemplate jdbcTemplate;

	private final JobProperties properties;

	private long total;

	private long done;

	private long startedAt;

	private long lastReportAt;

	EmbeddingProgressListener(DataSource dataSource, JobProperties properties) {
		this.jdbcTemplate = new NamedParameterJdbcTemplate(dataSource);
		this.properties = properties;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		startedAt = System.nanoTime();
		lastReportAt = startedAt;
		total = 0;
		done = 0;
		Long limit = stepExecution.getJobParameters().getLong(EmbeddingJobParameters.LIMIT);
		long alreadyRead = stepExecution.getExecutionContext().getInt(READ_COUNT_KEY, 0);
		long remainingLimit = (limit != null) ? Math.max(limit - alreadyRead, 0) : Long.MAX_VALUE;
		PendingEvents events = new PendingEvents(
				String.valueOf(stepExecution.getJobParameters().getString(EmbeddingJobParameters.MODEL)),
				properties.maxAttempts());
		Map<String, Object> parameters = new HashMap<>(events.parameters());
		parameters.put("limit", remainingLimit);
		Long pending = jdbcTemplate.queryForObject(events.countSql(), parameters, Long.class);
		total = (pending != null) ? pending : 0;
		if (total == 0 && alreadyRead == 0) {
			// A sync with nothing to do runs every minute: not worth a line each time.
			logger.debug("nothing to embed");
			return;
		}
		logger.info(String.format(Locale.ROOT, "%s: %,d events to embed, %d per chunk%s",
				stepExecution.getJobParameters().getString(EmbeddingJobParameters.MODE), total,
				stepExecution.getJobParameters().getLong(EmbeddingJobParameters.CHUNK_SIZE),
				alreadyRead > 0 ? String.format(Locale.ROOT, " (restart: %,d read before)", alreadyRead) : ""));
	}

	@Override
	public void afterWrite(Chunk<? extends EventText> items) {
		done += items.size();
		long now = System.nanoTime();
		if (now - lastReportAt >= REPORT_EVERY_NANOS && done < total) {
			lastReportAt = now;
			double rate = rate(now);
			long etaSeconds = (rate > 0) ? Math.round((total - done) / rate) : -1;
			logger.info(String.format(Locale.ROOT, "%,d/%,d events (%.1f%%), %.0f events/s, ETA %s", done, total,
					100.0 * done / Math.max(total, 1), rate, etaSeconds >= 0 ? etaSeconds + " s" : "unknown"));
		}
	}

	@Override
	public @Nullable ExitStatus afterStep(StepExecution stepExecution) {
		long now = System.nanoTime();
		if (total == 0 && stepExecution.getReadCount() == 0 && stepExecution.getStatus() == BatchStatus.COMPLETED) {
			return stepExecution.getExitStatus();
		}
		logger.info(String.format(Locale.ROOT, "%s: %s, %,d events embedded in %.1f s (%.0f events/s), %,d skipped",
				stepExecution.getJobParameters().getString(EmbeddingJobParameters.MODE), stepExecution.getStatus(),
				stepExecution.getWriteCount(), (now - startedAt) / 1e9, rate(now), stepExecution.getSkipCount()));
		return stepExecution.getExitStatus();
	}

	private double rate(long now) {
		double seconds = (now - startedAt) / 1e9;
		return (seconds > 0) ? done / seconds : 0;
	}

}
