package io.github.iotembeddings.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import io.github.iotembeddings.config.BackgroundThreads;
import io.github.iotembeddings.config.JobProperties;
import io.github.iotembeddings.config.LongStatements;
import io.github.iotembeddings.config.SyncProperties;
import io.github.iotembeddings.config.ToolSchema;
import io.github.iotembeddings.events.EventTextFunction;
import io.github.iotembeddings.events.Partition;
import io.github.iotembeddings.schema.RowEstimates;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The full check (reconcile): every event's text hash against the stored one, rows made by another
 * model, events with no embedding, embeddings with no event. What needs embedding is put in the change
 * queue, newest first, for the sync that follows; the figures are kept in {@code full_checks}.
 *
 * <p>It walks the ids in slices of {@code embeddings.sync.full-check-slice}, each one short statement
 * (no transaction spans the table), on {@code embeddings.sync.full-check-threads} connections. It
 * evaluates the configured text expression directly, which the planner runs about twice as fast as the
 * error-catching PL/pgSQL function the job reads through ({@link EventTextFunction}); a slice in which
 * the expression raises is checked again through that function, so one bad event marks itself instead of
 * failing the check.
 */
@Component
public class FullCheck {

	private static final Log logger = LogFactory.getLog(FullCheck.class);

	private static final long PROGRESS_EVERY_NANOS = Duration.ofSeconds(5).toNanos();

	/**
	 * Formatted with the text expression, the partition condition, the queue and the partition condition on
	 * the embeddings; named parameters lo, hi, model, walkedAbove. Events with no embedding by the model
	 * above walkedAbove are not queued: the sync that follows walks them anyway.
	 */
	private static final String SLICE_SQL = """
			with checked as (
			  select e.id, ee.event_id is null as missing, ee.model is distinct from :model as other_model,
			    ee.text_hash is distinct from md5(coalesce(%1$s, '')) as stale_text
			  from public.iot_events e
			  left join public.event_embeddings ee on ee.event_id = e.id and ee.event_id > :lo and ee.event_id <= :hi
			  where e.id > :lo and e.id <= :hi%2$s
			), queued as (
			  insert into %3$s (event_id)
			  select c.id from checked c
			  where ((c.missing or c.other_model) and c.id <= :walkedAbove or c.stale_text and not c.missing)
			    and not exists (select 1 from %3$s q where q.event_id = c.id)
			    and not exists (select 1 from event_embedding_errors er where er.event_id = c.id)
			  order by c.id desc
			  returning 1
			)
			select count(*) as events, count(*) filter (where missing) as missing,
			  count(*) filter (where not missing and other_model) as other_model,
			  count(*) filter (where not missing and not other_model and stale_text) as stale_text,
			  (select count(*) from queued) as queued,
			  (select count(*) from public.event_embeddings o where o.event_id > :lo and o.event_id <= :hi%4$s
			     and not exists (select 1 from public.iot_events x where x.id = o.event_id)) as orphans
			from checked""";

	private final NamedParameterJdbcTemplate jdbcTemplate;

	private final JobProperties jobProperties;

	private final SyncProperties properties;

	private final String queueTable;

	private final String resultsTable;

	private final LongStatements longStatements;

	private final RowEstimates rowEstimates;

	/** {@code embeddings.sync.full-check-threads} threads. */
	private final AsyncTaskExecutor threads;

	FullCheck(NamedParameterJdbcTemplate jdbcTemplate, JobProperties jobProperties, SyncProperties properties,
			ToolSchema schema, LongStatements longStatements, RowEstimates rowEstimates,
			@Qualifier(BackgroundThreads.FULL_CHECK) AsyncTaskExecutor threads) {
		this.rowEstimates = rowEstimates;
		this.threads = threads;
		this.jdbcTemplate = jdbcTemplate;
		this.longStatements = longStatements;
		this.jobProperties = jobProperties;
		this.properties = properties;
		this.queueTable = schema.qualify(ChangeQueue.TABLE);
		this.resultsTable = schema.qualify("full_checks");
	}

	/**
	 * Checks every event of the share, queues what needs embedding, and records the result.
	 * @param partition the share
	 * @param modelId the model that embeds now
	 * @param walkedAbove the sync that follows finds events with no embedding by this model above this id by
	 * itself; {@code null} when it walks every event
	 * @return what it found
	 */
	public FullCheckResult run(Partition partition, String modelId, @Nullable Long walkedAbove) {
		Instant startedAt = Instant.now();
		Map<String, Object> bounds = jdbcTemplate.queryForMap("""
				select least((select min(id) from public.iot_events), (select min(event_id) from public.event_embeddings)) as low,
				  greatest((select max(id) from public.iot_events), (select max(event_id) from public.event_embeddings)) as high""",
				Map.of());
		Number low = (Number) bounds.get("low");
		Number high = (Number) bounds.get("high");
		FullCheckResult.Tally tally = new FullCheckResult.Tally();
		if (low != null && high != null) {
			checkSlices(partition, modelId, (walkedAbove != null) ? walkedAbove : Long.MIN_VALUE, low.longValue() - 1,
					high.longValue(), tally);
		}
		FullCheckResult result = tally.result(partition, modelId, startedAt, Instant.now());
		jdbcTemplate.update("insert into " + resultsTable
				+ " (partition, model, started_at, finished_at, events, missing, stale_text, other_model, orphans, queued)"
				+ " values (:partition, :model, :startedAt, :finishedAt, :events, :missing, :staleText, :otherModel, :orphans, :queued)",
				result.parameters());
		logger.info(result.summary());
		if (partition.isWhole()) {
			// It has just counted both tables: a planner that believes otherwise would plan the next syncs badly.
			rowEstimates.refreshIfStale("public.iot_events", result.events());
			rowEstimates.refreshIfStale("public.event_embeddings", result.events() - result.missing() + result.orphans());
		}
		return result;
	}

	private void checkSlices(Partition partition, String modelId, long walkedAbove, long low, long high,
			FullCheckResult.Tally tally) {
		long slice = properties.fullCheckSlice();
		long slices = (high - low + slice - 1) / slice;
		AtomicLong done = new AtomicLong();
		long started = System.nanoTime();
		AtomicLong lastReport = new AtomicLong(started);
		List<Future<?>> futures = new ArrayList<>();
		try {
			// Newest first, like everything the tool embeds: what it queues first is embedded first.
			for (long hi = high; hi > low; hi -= slice) {
				long sliceHigh = hi;
				long sliceLow = Math.max(hi - slice, low);
				futures.add(threads.submit(() -> {
					tally.add(checkSlice(partition, modelId, walkedAbove, sliceLow, sliceHigh));
					reportProgress(done.incrementAndGet(), slices, tally, started, lastReport);
				}));
			}
			for (Future<?> future : futures) {
				future.get();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("full check interrupted", ex);
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof RuntimeException runtime) ? runtime : new IllegalStateException(ex.getCause());
		}
		finally {
			// A check that failed leaves none of its slices behind; cancelling a finished one does nothing.
			futures.forEach(future -> future.cancel(true));
		}
	}

	private Map<String, Object> checkSlice(Partition partition, String modelId, long walkedAbove, long low, long high) {
		Map<String, Object> parameters = Map.of("lo", low, "hi", high, "model", modelId, "walkedAbove", walkedAbove);
		try {
			return inOwnTransaction(sql(jobProperties.textSql(), partition), parameters);
		}
		catch (DataAccessException ex) {
			logger.debug("The text expression raised in ids " + (low + 1) + ".." + high + ": checking them through "
					+ EventTextFunction.CALL + " (" + ex.getMostSpecificCause().getMessage() + ")");
			return inOwnTransaction(sql(EventTextFunction.CALL, partition), parameters);
		}
	}

	/** The threads are the parallelism: parallel workers on top would only compete with them for the cores. */
	private Map<String, Object> inOwnTransaction(String sql, Map<String, Object> parameters) {
		return Objects.requireNonNull(longStatements.inTransaction(status -> {
			jdbcTemplate.getJdbcTemplate().execute("set local max_parallel_workers_per_gather = 0");
			return jdbcTemplate.queryForMap(sql, parameters);
		}));
	}

	private String sql(String text, Partition partition) {
		return SLICE_SQL.formatted(text, partition.isWhole() ? "" : " and " + partition.condition("e.id"), queueTable,
				partition.isWhole() ? "" : " and " + partition.condition("o.event_id"));
	}

	private static void reportProgress(long done, long slices, FullCheckResult.Tally tally, long started,
			AtomicLong lastReport) {
		long now = System.nanoTime();
		long last = lastReport.get();
		if (now - last >= PROGRESS_EVERY_NANOS && done < slices && lastReport.compareAndSet(last, now)) {
			double seconds = (now - started) / 1e9;
			double rate = tally.events() / seconds;
			logger.info(String.format(Locale.ROOT, "full check: %d/%d slices, %,d events checked, %.0f events/s, ETA %.0f s",
					done, slices, tally.events(), rate, seconds * (slices - done) / done));
		}
	}

}
