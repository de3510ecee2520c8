package io.github.iotembeddings.job;

import io.github.iotembeddings.events.Partition;
import io.github.iotembeddings.sync.PendingEvents;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import javax.sql.DataSource;

import io.github.iotembeddings.config.JobProperties;
import io.github.iotembeddings.model.EmbeddingModel;
import io.github.iotembeddings.model.EmbeddingStats;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Logs how far a run is: events done of the total, rate and ETA, at most every few seconds, and a
 * summary at the end. The total is counted once when the step starts; events inserted meanwhile are
 * the next run's.
 */
class EmbeddingProgressListener implements StepExecutionListener, ItemWriteListener<EventText> {

	private static final Log logger = LogFactory.getLog(EmbeddingProgressListener.class);

	private static final long REPORT_EVERY_NANOS = Duration.ofSeconds(5).toNanos();


	private final NamedParameterJdbcTemplate jdbcTemplate;

	private final JobProperties properties;

	private static final long UNKNOWN = -1;

	/** One daemon thread for every run's count; a count never holds up the process's exit. */
	private final Executor counter;

	/** The pending events counted when the step started; {@value #UNKNOWN} until the count is in. */
	private volatile long total;

	private volatile boolean running;

	private CompletableFuture<Void> counting = CompletableFuture.completedFuture(null);

	private long done;

	private long startedAt;

	private long lastReportAt;

	private final ObjectProvider<EmbeddingModel> model;

	private EmbeddingStats modelAtStart = new EmbeddingStats(0, 0, 0, 0, 0);

	EmbeddingProgressListener(DataSource dataSource, JobProperties properties, ObjectProvider<EmbeddingModel> model,
			Executor counter) {
		this.jdbcTemplate = new NamedParameterJdbcTemplate(dataSource);
		this.properties = properties;
		this.model = model;
		this.counter = counter;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		startedAt = System.nanoTime();
		lastReportAt = startedAt;
		modelAtStart = model.getObject().stats();
		total = UNKNOWN;
		done = 0;
		running = true;
		Long limit = stepExecution.getJobParameters().getLong(EmbeddingJob.LIMIT);
		long alreadyRead = stepExecution.getExecutionContext().getLong(PendingEventsReader.READ_KEY, 0);
		long remainingLimit = (limit != null) ? Math.max(limit - alreadyRead, 0) : Long.MAX_VALUE;
		PendingEvents events = EmbeddingJob.pendingEvents(stepExecution.getJobParameters(), properties.maxAttempts());
		Partition partition = events.partition();
		Map<String, Object> parameters = new HashMap<>(events.parameters());
		parameters.put("limit", remainingLimit);
		String mode = stepExecution.getJobParameters().getString(EmbeddingJob.MODE)
				+ (partition.isWhole() ? "" : " of partition " + partition);
		Long chunkSize = stepExecution.getJobParameters().getLong(EmbeddingJob.CHUNK_SIZE);
		// Off the run's path, so the first chunk is being embedded while it counts.
		counting = CompletableFuture.runAsync(() -> {
			long pending = 0;
			for (PendingEvents.Source source : events.sources()) {
				Long count = jdbcTemplate.queryForObject(events.countSql(source), parameters, Long.class);
				pending += (count != null) ? count : 0;
			}
			total = Math.min(pending, remainingLimit);
			if (running && (total > 0 || alreadyRead > 0)) {
				logger.info(String.format(Locale.ROOT, "%s: %,d events to embed (%s), %d per chunk%s", mode, total,
						String.join(", then ", events.describe()), chunkSize,
						alreadyRead > 0 ? String.format(Locale.ROOT, " (restart: %,d read before)", alreadyRead) : ""));
			}
		}, counter).exceptionally(ex -> {
			logger.debug("could not count the pending events: " + ex.getMessage());
			return null;
		});
	}

	@Override
	public void afterWrite(Chunk<? extends EventText> items) {
		done += items.size();
		long now = System.nanoTime();
		long known = total;
		if (now - lastReportAt >= REPORT_EVERY_NANOS && (known == UNKNOWN || done < known)) {
			lastReportAt = now;
			double rate = rate(now);
			// The rest were copied: identical texts in a chunk, or texts this model already stored.
			long computed = model.getObject().stats().since(modelAtStart).texts();
			if (known == UNKNOWN) {
				logger.info(String.format(Locale.ROOT, "%,d events, %.0f events/s, %,d texts embedded by the model"
						+ " (still counting the total)", done, rate, computed));
				return;
			}
			long etaSeconds = (rate > 0) ? Math.round((known - done) / rate) : -1;
			logger.info(String.format(Locale.ROOT, "%,d/%,d events (%.1f%%), %.0f events/s, %,d texts embedded by the"
					+ " model, ETA %s", done, known, 100.0 * done / Math.max(known, 1), rate, computed,
					etaSeconds >= 0 ? etaSeconds + " s" : "unknown"));
		}
	}

	@Override
	public @Nullable ExitStatus afterStep(StepExecution stepExecution) {
		long now = System.nanoTime();
		running = false;
		counting.cancel(false);
		if (stepExecution.getReadCount() == 0 && stepExecution.getStatus() == BatchStatus.COMPLETED) {
			// A sync with nothing to do runs every minute: not worth a line each time.
			return stepExecution.getExitStatus();
		}
		// The share of the run spent in the model says whether the database or Batch is in the way.
		EmbeddingStats spent = model.getObject().stats().since(modelAtStart);
		double seconds = (now - startedAt) / 1e9;
		logger.info(String.format(Locale.ROOT,
				"%s: %s, %,d events embedded in %.1f s (%.0f events/s), %,d skipped; vectors: %s; the model took"
						+ " %.1f s (%.0f%%), %,d tokens (%.2f computed per real token)",
				stepExecution.getJobParameters().getString(EmbeddingJob.MODE), stepExecution.getStatus(),
				stepExecution.getWriteCount(), seconds, rate(now), stepExecution.getSkipCount(),
				VectorSources.of(stepExecution.getExecutionContext()).describe(), spent.seconds(),
				100 * spent.seconds() / Math.max(seconds, 1e-9), spent.tokens(),
				(double) spent.paddedTokens() / Math.max(spent.tokens(), 1)));
		return stepExecution.getExitStatus();
	}

	private double rate(long now) {
		double seconds = (now - startedAt) / 1e9;
		return (seconds > 0) ? done / seconds : 0;
	}

}
