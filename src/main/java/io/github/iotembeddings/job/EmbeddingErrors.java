package io.github.iotembeddings.job;

import io.github.iotembeddings.sync.ChangeQueue;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

import io.github.iotembeddings.config.JobProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.listener.SkipListener;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The errors table: a skipped event is recorded (or its attempts counted up) with its next retry time,
 * doubling the backoff each attempt, with the execution that failed on it; an event embedded at last is
 * cleared from it. A skip in processing is recorded in the chunk's transaction, so the record and the chunk
 * commit together; a skip in writing in a transaction of its own, since Batch rolls back the transaction of
 * the item it skips.
 */
public class EmbeddingErrors implements SkipListener<EventText, EventText> {

	private static final Log logger = LogFactory.getLog(EmbeddingErrors.class);

	/** What {@link #entry} reads; the one parameter is the most attempts a run makes. */
	private static final String ENTRIES = """
			select event_id, error_class, message, attempts, first_seen, last_seen, next_attempt_at,
			  attempts >= ? as given_up
			from event_embedding_errors""";

	private final JdbcTemplate jdbcTemplate;

	private final JobProperties properties;

	private final ChangeQueue changeQueue;

	private final TransactionTemplate ownTransaction;

	EmbeddingErrors(JdbcTemplate jdbcTemplate, JobProperties properties, ChangeQueue changeQueue,
			PlatformTransactionManager transactionManager) {
		this.jdbcTemplate = jdbcTemplate;
		this.properties = properties;
		this.changeQueue = changeQueue;
		this.ownTransaction = new TransactionTemplate(transactionManager);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	@Override
	public void onSkipInProcess(EventText event, Throwable failure) {
		record(event, failure);
	}

	/** An event deleted since it was read is found when the writer locks its chunk ({@link EventLocks}). */
	@Override
	public void onSkipInWrite(EventText event, Throwable failure) {
		ownTransaction.executeWithoutResult(status -> record(event, failure));
	}

	private void record(EventText event, Throwable failure) {
		String errorClass = (failure instanceof EventSkippedException skipped) ? skipped.errorClass()
				: failure.getClass().getSimpleName();
		String message = String.valueOf(failure.getMessage());
		jdbcTemplate.update("""
				insert into event_embedding_errors as er (event_id, error_class, message, next_attempt_at,
				  failed_execution_id)
				values (?, ?, ?, now() + ? * interval '1 millisecond', ?)
				on conflict (event_id) do update set error_class = excluded.error_class, message = excluded.message,
				  attempts = er.attempts + 1, last_seen = now(),
				  next_attempt_at = now() + ? * power(2, er.attempts) * interval '1 millisecond',
				  failed_execution_id = excluded.failed_execution_id""", event.id(), errorClass, message,
				properties.retryBackoff().toMillis(), currentExecutionId(), properties.retryBackoff().toMillis());
		// The errors list retries it from now on; an edit of its text queues it again.
		changeQueue.remove(event.queueEntries());
		logger.warn("Event " + event.id() + " skipped (" + errorClass + "): " + message);
	}

	/** The skip listener is called on the step's thread, where Batch registers the step's context. */
	private static @Nullable Long currentExecutionId() {
		StepContext context = StepSynchronizationManager.getContext();
		return (context != null) ? context.getStepExecution().getJobExecutionId() : null;
	}

	/**
	 * @param count how many
	 * @return the recorded errors, most recent first
	 */
	public List<ErrorEntry> recent(int count) {
		return jdbcTemplate.query(ENTRIES + " order by last_seen desc, event_id desc limit ?", this::entry,
				properties.maxAttempts(), count);
	}

	/**
	 * @param executionId a job execution
	 * @param limit the most to list
	 * @return the events that execution was the last to fail on, newest event first
	 */
	public List<ErrorEntry> failedIn(long executionId, int limit) {
		return jdbcTemplate.query(ENTRIES + " where failed_execution_id = ? order by event_id desc limit ?", this::entry,
				properties.maxAttempts(), executionId, limit);
	}

	/**
	 * Makes failed events due at once, out of attempts or not: the next run tries each of them again,
	 * and each has its full number of attempts from then on (its attempt count starts over at 0).
	 * @param eventIds the events, or {@code null} for every failed event
	 * @return how many events will be tried again
	 */
	public int retryNow(@Nullable Collection<Long> eventIds) {
		if (eventIds == null) {
			return jdbcTemplate.update("update event_embedding_errors set attempts = 0, next_attempt_at = now()");
		}
		return jdbcTemplate.update(
				"update event_embedding_errors set attempts = 0, next_attempt_at = now() where event_id = any(?)",
				(Object) eventIds.toArray(Long[]::new));
	}

	private ErrorEntry entry(ResultSet rs, int row) throws SQLException {
		return new ErrorEntry(rs.getLong("event_id"), rs.getString("error_class"), rs.getString("message"),
				rs.getInt("attempts"), rs.getTimestamp("first_seen").toInstant(), rs.getTimestamp("last_seen").toInstant(),
				rs.getTimestamp("next_attempt_at").toInstant(), rs.getBoolean("given_up"));
	}

	/**
	 * An event that could not be embedded.
	 *
	 * @param eventId the event
	 * @param errorClass {@code TextExpressionFailed}, {@code EventDeleted}, ...
	 * @param message what went wrong
	 * @param attempts how many runs tried it (since the last {@link EmbeddingErrors#retryNow} that named it)
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
