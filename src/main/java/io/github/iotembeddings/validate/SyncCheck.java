package io.github.iotembeddings.validate;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The specification's sync check, automated: insert a marked event into the user's own table (see
 * {@link MarkedEvents}), wait for whatever keeps the table in sync (a running {@code schedule}, a
 * CronJob) to embed it, and time it. Times come from the database clock. The marked events are deleted
 * afterwards by id (their embeddings go with them), whatever ended the check.
 */
@Component
public class SyncCheck {

	private static final long POLL_MILLIS = 20;

	private final JdbcTemplate jdbcTemplate;

	private final MarkedEvents markedEvents;

	SyncCheck(JdbcTemplate jdbcTemplate, MarkedEvents markedEvents) {
		this.jdbcTemplate = jdbcTemplate;
		this.markedEvents = markedEvents;
	}

	/**
	 * @param samples how many events to insert, one after another
	 * @param timeout how long to wait for each
	 * @return one result per sample
	 */
	public List<Sample> run(int samples, Duration timeout) throws InterruptedException {
		List<Sample> results = new ArrayList<>(samples);
		List<Long> insertedIds = new ArrayList<>(samples);
		try {
			String insert = markedEvents.insertStatement();
			for (int i = 0; i < samples; i++) {
				results.add(sample(markedEvents.insert(insert, insertedIds), timeout));
			}
		}
		finally {
			markedEvents.delete(insertedIds);
		}
		return results;
	}

	private Sample sample(MarkedEvents.Inserted inserted, Duration timeout) throws InterruptedException {
		long eventId = inserted.id();
		Instant insertedAt = inserted.insertedAt();
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			List<Map<String, Object>> seen = jdbcTemplate.queryForList("""
					select ee.created_at, clock_timestamp() as observed_at from public.event_embeddings ee
					where ee.event_id = ?""", eventId);
			if (!seen.isEmpty()) {
				Instant embeddedAt = ((Timestamp) seen.get(0).get("created_at")).toInstant();
				Instant observedAt = ((Timestamp) seen.get(0).get("observed_at")).toInstant();
				return new Sample(eventId, insertedAt, embeddedAt, observedAt,
						Duration.between(insertedAt, observedAt).toMillis(), runThatWrote(embeddedAt));
			}
			Thread.sleep(POLL_MILLIS);
		}
		return new Sample(eventId, insertedAt, null, null, -1, null);
	}

	/** Batch stores times in the JVM's zone without one; compare in that zone. */
	private @Nullable Long runThatWrote(Instant embeddedAt) {
		List<Long> ids = jdbcTemplate.queryForList("""
				select job_execution_id from batch_job_execution
				where start_time <= ? and (end_time is null or end_time >= ?)
				order by job_execution_id desc limit 1""", Long.class,
				embeddedAt.atZone(ZoneId.systemDefault()).toLocalDateTime(),
				embeddedAt.atZone(ZoneId.systemDefault()).toLocalDateTime());
		return ids.isEmpty() ? null : ids.get(0);
	}

	/**
	 * @param eventId the marked event
	 * @param insertedAt when it was inserted (database clock)
	 * @param embeddedAt the embedding row's {@code created_at}: its transaction's start, or {@code null}
	 * if it never came
	 * @param observedAt when the check first saw the row, or {@code null}
	 * @param latencyMs inserted to seen, in milliseconds (at most 20 ms late), or -1 on time-out
	 * @param runId the job execution that wrote it, when it can be told
	 */
	public record Sample(long eventId, Instant insertedAt, @Nullable Instant embeddedAt, @Nullable Instant observedAt,
			long latencyMs, @Nullable Long runId) {

		public boolean embedded() {
			return latencyMs >= 0;
		}

	}

}
