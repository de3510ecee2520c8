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
 * The specification's sync check, automated: insert a marked event, wait for whatever keeps the table
 * in sync (a running {@code schedule}, a CronJob) to embed it, and time it. Times come from the
 * database clock. The marked events are deleted afterwards (their embeddings go with them).
 */
@Component
public class SyncCheck {

	static final String MARKER_DEVICE = "iot-embeddings-sync-check";

	private static final long POLL_MILLIS = 20;

	private final JdbcTemplate jdbcTemplate;

	SyncCheck(JdbcTemplate jdbcTemplate) {
		this.jdbcTemplate = jdbcTemplate;
	}

	/**
	 * @param samples how many events to insert, one after another
	 * @param timeout how long to wait for each
	 * @return one result per sample
	 */
	public List<Sample> run(int samples, Duration timeout) throws InterruptedException {
		List<Sample> results = new ArrayList<>(samples);
		try {
			for (int i = 0; i < samples; i++) {
				results.add(sample(i, timeout));
			}
		}
		finally {
			jdbcTemplate.update("delete from public.iot_events where device_id = ?", MARKER_DEVICE);
		}
		return results;
	}

	private Sample sample(int index, Duration timeout) throws InterruptedException {
		Map<String, Object> inserted = jdbcTemplate.queryForMap("""
				insert into public.iot_events (device_id, event_type, payload)
				values (?, 'sync_check', jsonb_build_object('sample', ?::int, 'note', 'inserted by iot-embeddings sync-test'))
				returning id, clock_timestamp() as inserted_at""", MARKER_DEVICE, index);
		long eventId = ((Number) inserted.get("id")).longValue();
		Instant insertedAt = ((Timestamp) inserted.get("inserted_at")).toInstant();
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
