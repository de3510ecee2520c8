package io.github.iotembeddings.job;

import java.time.Instant;
import java.util.List;

import io.github.iotembeddings.config.JobProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.batch.core.listener.SkipListener;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The errors table: a skipped event is recorded (or its attempts counted up) with its next retry time,
 * doubling the backoff each attempt; an event embedded at last is cleared from it. Runs in the chunk's
 * transaction, so the record and the chunk commit together.
 */
public class EmbeddingErrors implements SkipListener<EventText, EventText> {

	private static final Log logger = LogFactory.getLog(EmbeddingErrors.class);

	private final JdbcTemplate jdbcTemplate;

	private final JobProperties properties;

	private final ChangeQueue changeQueue;

	EmbeddingErrors(JdbcTemplate jdbcTemplate, JobProperties properties, ChangeQueue changeQueue) {
		this.jdbcTemplate = jdbcTemplate;
		this.properties = properties;
		this.changeQueue = changeQueue;
	}

	@Override
	public void onSkipInProcess(EventText event, Throwable failure) {
		String errorClass = (failure instanceof EventSkippedException skipped) ? skipped.errorClass()
				: failure.getClass().getSimpleName();
		String message = String.valueOf(failure.getMessage());
		jdbcTemplate.update("""
				insert into event_embedding_errors as er (event_id, error_class, message, next_attempt_at)
				values (?, ?, ?, now() + ? * interval '1 millisecond')
				on conflict (event_id) do update set error_class = excluded.error_class, message = excluded.message,
				  attempts = er.attempts + 1, last_seen = now(),
				  next_attempt_at = now() + ? * power(2, er.attempts) * interval '1 millisecond'""", event.id(),
				errorClass, message, properties.retryBackoff().toMillis(), properties.retryBackoff().toMillis());
		// The errors list retries it from now on; an edit of its text queues it again.
		changeQueue.remove(event.queueEntries());
		logger.warn("Event " + event.id() + " skipped (" + errorClass + "): " + message);
	}

	/**
	 * @param count how many
	 * @return the recorded errors, most recent first
	 */
	public List<ErrorEntry> recent(int count) {
		return jdbcTemplate.query("""
				select event_id, error_class, message, attempts, first_seen, last_seen, next_attempt_at,
				  attempts >= ? as given_up
				from event_embedding_errors order by last_seen desc, event_id desc limit ?""",
				(rs, row) -> new ErrorEntry(rs.getLong("event_id"), rs.getString("error_class"), rs.getString("message"),
						rs.getInt("attempts"), rs.getTimestamp("first_seen").toInstant(),
						rs.getTimestamp("last_seen").toInstant(), rs.getTimestamp("next_attempt_at").toInstant(),
						rs.getBoolean("given_up")),
				properties.maxAttempts(), count);
	}

	/**
	 * An event that could not be embedded.
	 *
	 * @param eventId the event
	 * @param errorClass {@code TextExpressionFailed}, {@code EventDeleted}, ...
	 * @param message what went wrong
	 * @param attempts how many runs tried it
	 * @param firstSeen first failure
	 * @param lastSeen latest failure
	 * @param nextAttemptAt when a run tries it again
	 * @param givenUp whether it is out of attempts
	 */
	public record ErrorEntry(long eventId, String errorClass, String message, int attempts, Instant firstSeen,
			Instant lastSeen, Instant nextAttemptAt, boolean givenUp) {

	}

	/** @param eventIds events just embedded: no longer in error */
	void clear(List<Long> eventIds) {
		jdbcTemplate.update("delete from event_embedding_errors where event_id = any(?)",
				(Object) eventIds.toArray(Long[]::new));
	}

}
