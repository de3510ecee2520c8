package io.github.iotembeddings.sync;

import io.github.iotembeddings.events.EventTextFunction;
import io.github.iotembeddings.events.Partition;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Where a run finds the events to embed, as a list of {@link Source}s read one after another, each
 * newest first through an index; none evaluates the text of an event it does not return. One place for
 * the SQL, shared by the reader and the progress count.
 *
 * <ul>
 * <li>{@link Source#UNEMBEDDED}: events above a bound with no embedding by this model (a primary-key
 * anti-join). A sync starts it just below the id through which the last sync found everything embedded,
 * so it costs what is new; a backfill and a first sync start it at the bottom.
 * <li>{@link Source#QUEUED}: the change queue ({@link ChangeQueue}): events whose text changed, and what
 * a full check found.
 * <li>{@link Source#RETRY}: failed events whose retry was due when the run's step started
 * ({@code :retryDueBefore}), so an event that fails again in this run waits for its next backoff; not
 * those the other sources read. A chunk is read whole before it is processed, so a source read later
 * in the same chunk still sees the errors of events an earlier source just returned.
 * </ul>
 *
 * @param modelId the model that would embed them now, as stored in {@code event_embeddings.model}
 * @param maxAttempts attempts after which a failing event is no longer retried
 * @param partition the share of the events this run embeds
 * @param unembeddedAbove the bound of {@link Source#UNEMBEDDED}: events with a greater id; {@code null}
 * for all
 * @param sources what the run reads, in order
 */
public record PendingEvents(String modelId, int maxAttempts, Partition partition, @Nullable Long unembeddedAbove,
		List<Source> sources) {

	/**
	 * @param modelId the model that embeds the run
	 * @param maxAttempts attempts after which a failing event is no longer retried
	 * @param partition the run's share of the events
	 * @param unembeddedAbove for a sync, its plan's bound; null for all events
	 * @param sync a sync reads the queue and the due retries after the new events; a backfill only these
	 * @return the pending events of such a run
	 */
	public static PendingEvents of(String modelId, int maxAttempts, Partition partition, @Nullable Long unembeddedAbove,
			boolean sync) {
		return new PendingEvents(modelId, maxAttempts, partition, unembeddedAbove,
				sync ? List.of(Source.UNEMBEDDED, Source.QUEUED, Source.RETRY) : List.of(Source.UNEMBEDDED));
	}

	/**
	 * @param source what to read
	 * @return one page of it, newest first: the events with ids up to {@code :atMost}, at most {@code :limit};
	 * columns {@code id, embedding_text, text_hash, queue_entries}
	 */
	public String pageSql(Source source) {
		String text = "cross join lateral (select " + EventTextFunction.CALL + " as embedding_text) t";
		String columns = "e.id, t.embedding_text, md5(coalesce(t.embedding_text, '')) as text_hash";
		return switch (source) {
			case UNEMBEDDED -> "select " + columns + ", null::bigint[] as queue_entries from public.iot_events e " + text
					+ " where e.id <= :atMost and " + unembeddedCondition() + " order by e.id desc limit :limit";
			// Locks only what this page takes; a concurrent run over another share skips them.
			case QUEUED -> "with q as (select seq, event_id from " + ChangeQueue.TABLE + " where event_id <= :atMost"
					+ partitionOn("event_id") + " order by event_id desc, seq limit :limit for update skip locked),"
					+ " g as (select event_id, array_agg(seq) as entries from q group by event_id)"
					+ " select " + columns + ", g.entries as queue_entries from g join public.iot_events e on e.id = g.event_id "
					+ text + " order by e.id desc";
			case RETRY -> "select " + columns + ", null::bigint[] as queue_entries from event_embedding_errors er"
					+ " join public.iot_events e on e.id = er.event_id " + text
					+ " where er.event_id <= :atMost and er.next_attempt_at < :retryDueBefore and er.attempts < :maxAttempts"
					+ " and not (" + unembeddedCondition() + ")"
					+ " and not exists (select 1 from " + ChangeQueue.TABLE + " q where q.event_id = e.id)"
					+ partitionOn("er.event_id") + " order by e.id desc limit :limit";
		};
	}

	/**
	 * @return a count of what the run would read, at most {@code :limit} per source; it evaluates no text
	 */
	public String countSql(Source source) {
		return switch (source) {
			case UNEMBEDDED -> "select count(*) from (select 1 from public.iot_events e where " + unembeddedCondition()
					+ " order by e.id desc limit :limit) pending";
			case QUEUED -> "select count(distinct event_id) from (select event_id from " + ChangeQueue.TABLE
					+ " where true" + partitionOn("event_id") + " limit :limit) q";
			case RETRY -> "select count(*) from (select 1 from event_embedding_errors er where er.next_attempt_at <= now()"
					+ " and er.attempts < :maxAttempts" + partitionOn("er.event_id") + " limit :limit) due";
		};
	}

	/** @return when the oldest of at most {@code :limit} newest unembedded events was created */
	String oldestUnembeddedSql() {
		return "select min(created_at) from (select e.created_at from public.iot_events e where " + unembeddedCondition()
				+ " order by e.id desc limit :limit) pending";
	}

	/** Uses {@code :bound}, {@code :model} and {@code :maxAttempts}. */
	private String unembeddedCondition() {
		// The bound is repeated on the embeddings: the planner derives no range from the join's equality, and
		// on a small table it would merge-join the window against every row of the index.
		return "e.id > :bound"
				+ " and not exists (select 1 from public.event_embeddings ee where ee.event_id = e.id"
				+ " and ee.event_id > :bound and ee.model = :model)"
				+ " and not exists (select 1 from event_embedding_errors er where er.event_id = e.id"
				+ " and (er.next_attempt_at > now() or er.attempts >= :maxAttempts))" + partitionOn("e.id");
	}

	private String partitionOn(String column) {
		return partition.isWhole() ? "" : " and " + partition.condition(column);
	}

	public Map<String, Object> parameters() {
		return Map.of("model", modelId, "maxAttempts", maxAttempts, "bound",
				(unembeddedAbove != null) ? unembeddedAbove : Long.MIN_VALUE);
	}

	/** @return the sources as names, for logs */
	public List<String> describe() {
		List<String> names = new ArrayList<>();
		for (Source source : sources) {
			names.add((source == Source.UNEMBEDDED && unembeddedAbove != null)
					? "events above id " + unembeddedAbove + " with no embedding" : source.description);
		}
		return names;
	}

	/** What a run reads, in order. */
	public enum Source {

		UNEMBEDDED("events with no embedding by this model"), QUEUED("the change queue"), RETRY("failed events due for a retry");

		private final String description;

		Source(String description) {
			this.description = description;
		}

	}

}
