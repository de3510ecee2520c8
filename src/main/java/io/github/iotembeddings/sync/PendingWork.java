package io.github.iotembeddings.sync;

import io.github.iotembeddings.events.Partition;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.github.iotembeddings.config.JobProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a sync would read now, measured with the run's own SQL ({@link PendingEvents}) and without
 * evaluating any text: whether there is anything (before a sync launches), and how much (status and
 * metrics). Every count is bounded, so the answer costs what is pending, not what exists.
 */
@Component
public class PendingWork {

	/** Counts stop here; the figures say "at least" beyond it. */
	public static final long COUNT_LIMIT = 1_000_000;

	private static final List<PendingEvents.Source> SYNC_SOURCES = List.of(PendingEvents.Source.UNEMBEDDED,
			PendingEvents.Source.QUEUED, PendingEvents.Source.RETRY);

	private final NamedParameterJdbcTemplate jdbcTemplate;

	private final JobProperties properties;

	private final TransactionTemplate transaction;

	PendingWork(NamedParameterJdbcTemplate jdbcTemplate, JobProperties properties, TransactionTemplate transaction) {
		this.jdbcTemplate = jdbcTemplate;
		this.properties = properties;
		this.transaction = transaction;
	}

	/**
	 * Runs the counts in one transaction without parallel workers: each reads a few thousand index
	 * entries at most, and starting workers would cost more than the work (50 ms against 5 on 2 cores).
	 */
	private <T> T serially(Supplier<T> counts) {
		return transaction.execute(status -> {
			jdbcTemplate.getJdbcTemplate().execute("set local max_parallel_workers_per_gather = 0");
			return counts.get();
		});
	}

	/**
	 * @param partition the share
	 * @param modelId the model that embeds now
	 * @param unembeddedAbove where a sync would look for new events; {@code null} for every event
	 * @return whether a sync planned so would read anything
	 */
	public boolean any(Partition partition, String modelId, @Nullable Long unembeddedAbove) {
		PendingEvents pending = pending(partition, modelId, unembeddedAbove);
		return Boolean.TRUE.equals(serially(() -> SYNC_SOURCES.stream().anyMatch(source -> count(pending, source, 1) > 0)));
	}

	/**
	 * @param partition the share
	 * @param modelId the model that embeds now
	 * @param unembeddedAbove where a sync would look for new events; {@code null} for every event
	 * @return what a sync planned so would read, each figure at most {@link #COUNT_LIMIT}
	 */
	public Counts measure(Partition partition, String modelId, @Nullable Long unembeddedAbove) {
		return serially(() -> measureNow(partition, modelId, unembeddedAbove));
	}

	private Counts measureNow(Partition partition, String modelId, @Nullable Long unembeddedAbove) {
		PendingEvents pending = pending(partition, modelId, unembeddedAbove);
		Map<String, Object> parameters = new HashMap<>(pending.parameters());
		Timestamp oldestNew = jdbcTemplate.queryForObject(pending.oldestUnembeddedSql(), withLimit(parameters, COUNT_LIMIT),
				Timestamp.class);
		Timestamp oldestQueued = jdbcTemplate.queryForObject("select min(queued_at) from " + ChangeQueue.TABLE,
				Map.of(), Timestamp.class);
		return new Counts(count(pending, PendingEvents.Source.UNEMBEDDED, COUNT_LIMIT),
				count(pending, PendingEvents.Source.QUEUED, COUNT_LIMIT), count(pending, PendingEvents.Source.RETRY, COUNT_LIMIT),
				(oldestNew != null) ? oldestNew.toInstant() : null, (oldestQueued != null) ? oldestQueued.toInstant() : null);
	}

	private PendingEvents pending(Partition partition, String modelId, @Nullable Long unembeddedAbove) {
		return new PendingEvents(modelId, properties.maxAttempts(), partition, unembeddedAbove, SYNC_SOURCES);
	}

	private long count(PendingEvents pending, PendingEvents.Source source, long limit) {
		Long count = jdbcTemplate.queryForObject(pending.countSql(source), withLimit(pending.parameters(), limit),
				Long.class);
		return (count != null) ? count : 0;
	}

	private static Map<String, Object> withLimit(Map<String, Object> parameters, long limit) {
		Map<String, Object> withLimit = new HashMap<>(parameters);
		withLimit.put("limit", limit);
		return withLimit;
	}

	/**
	 * @param unembedded events with no embedding by the current model where a sync looks for them
	 * @param queued events in the change queue
	 * @param retryDue failed events whose retry is due
	 * @param oldestUnembedded when the oldest of the unembedded events was created
	 * @param oldestQueued when the oldest queue entry was made
	 */
	public record Counts(long unembedded, long queued, long retryDue, @Nullable Instant oldestUnembedded,
			@Nullable Instant oldestQueued) {

		public long total() {
			return unembedded + queued + retryDue;
		}

		/** @return since when the oldest pending work has waited, or null when none is */
		public @Nullable Instant oldest() {
			if (oldestUnembedded == null) {
				return oldestQueued;
			}
			return (oldestQueued == null || oldestUnembedded.isBefore(oldestQueued)) ? oldestUnembedded : oldestQueued;
		}

	}

}
