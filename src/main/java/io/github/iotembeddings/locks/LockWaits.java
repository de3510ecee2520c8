package io.github.iotembeddings.locks;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;

import io.github.iotembeddings.common.Causes;
import io.github.iotembeddings.config.BackgroundThreads;
import io.github.iotembeddings.config.DatabaseProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Names the session that blocks a run. When a run's statement waits for a lock longer than
 * {@code embeddings.database.lock-timeout}, the server cancels it, and afterwards nothing says who held
 * the lock; so while runs are in progress, this tool's sessions that wait for a lock are looked at a few
 * times per lock timeout ({@code pg_blocking_pids}: a read of the server's lock table, never of the
 * tables), and the latest blocker is kept. A run that failed on a lock timeout names it: its pid,
 * {@code application_name}, state and the start of its query.
 */
@Component
public class LockWaits {

	/** PostgreSQL's {@code lock_not_available}: a lock wait ended by {@code lock_timeout}. */
	static final String LOCK_NOT_AVAILABLE = "55P03";

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

	private static final String BLOCKERS_SQL = """
			select b.pid, coalesce(b.application_name, '') as application_name, b.state,
			       left(regexp_replace(b.query, '\\s+', ' ', 'g'), 80) as query,
			       coalesce(b.xact_start, b.query_start, b.backend_start) as since
			from pg_stat_activity w
			cross join lateral unnest(pg_blocking_pids(w.pid)) as blocking(pid)
			join pg_stat_activity b on b.pid = blocking.pid
			where w.datname = current_database() and w.wait_event_type = 'Lock'
			  and w.application_name like 'iot-embeddings%' and w.pid <> pg_backend_pid()
			order by since nulls last
			limit 1""";

	private final JdbcTemplate jdbcTemplate;

	private final long periodMillis;

	private final TaskScheduler sampler;

	private int runs;

	private @Nullable ScheduledFuture<?> sampling;

	private volatile @Nullable Blocker latest;

	LockWaits(JdbcTemplate jdbcTemplate, DatabaseProperties properties,
			@Qualifier(BackgroundThreads.LOCK_WAITS) TaskScheduler sampler) {
		this.jdbcTemplate = jdbcTemplate;
		this.sampler = sampler;
		this.periodMillis = Math.max(250, Math.min(5_000, properties.lockTimeout().toMillis() / 4));
	}

	/** A run begins: look at lock waits until it ends ({@link #runEnded}). */
	public synchronized void runStarted() {
		if (runs++ == 0) {
			sampling = sampler.scheduleWithFixedDelay(this::sample, Instant.now().plusMillis(periodMillis),
					Duration.ofMillis(periodMillis));
		}
	}

	public synchronized void runEnded() {
		if (--runs == 0 && sampling != null) {
			sampling.cancel(false);
			sampling = null;
		}
	}

	private void sample() {
		try {
			List<Blocker> found = jdbcTemplate.query(BLOCKERS_SQL,
					(rs, row) -> new Blocker(rs.getInt("pid"), rs.getString("application_name"), rs.getString("state"),
							visible(rs.getString("query")), rs.getTimestamp("since") != null ? rs.getTimestamp("since").toInstant() : null,
							Instant.now()));
			if (!found.isEmpty()) {
				latest = found.get(0);
			}
		}
		catch (RuntimeException ex) {
			// A failed look changes nothing: the run's own error still says what happened.
		}
	}

	/**
	 * @param failure why a run failed
	 * @param since when the run started: an older sighting belongs to another run
	 * @return who held the lock the run waited for, when it failed on a lock timeout and the holder was seen
	 */
	public Optional<String> blockerOf(Throwable failure, Instant since) {
		if (!isLockTimeout(failure)) {
			return Optional.empty();
		}
		Blocker blocker = latest;
		if (blocker == null || blocker.seenAt().isBefore(since)) {
			return Optional.of("a lock wait outlasted embeddings.database.lock-timeout, and the holder was gone before"
					+ " it could be named");
		}
		return Optional.of(blocker.describe());
	}

	/** What a role without {@code pg_read_all_stats} sees of another role's statement. */
	private static @Nullable String visible(@Nullable String query) {
		return (query == null || query.startsWith("<insufficient privilege>")) ? null : query;
	}

	static boolean isLockTimeout(Throwable failure) {
		return Causes.chain(failure)
			.stream()
			.anyMatch(cause -> cause instanceof SQLException sql && LOCK_NOT_AVAILABLE.equals(sql.getSQLState()));
	}

	/**
	 * A session that held a lock one of this tool's sessions waited for.
	 *
	 * @param pid its server process
	 * @param applicationName what it calls itself
	 * @param state {@code active}, {@code idle in transaction}, ...; null when the role may not see it
	 * @param query the start of its current or last statement; null when the role may not see it
	 * @param since when its transaction (or statement) began
	 * @param seenAt when it was seen blocking
	 */
	record Blocker(int pid, String applicationName, @Nullable String state, @Nullable String query,
			@Nullable Instant since, Instant seenAt) {

		String describe() {
			StringBuilder text = new StringBuilder("blocked by pid ").append(pid);
			text.append(" (application '").append(applicationName).append("'");
			if (state != null) {
				text.append(", ").append(state);
			}
			if (since != null) {
				text.append(" since ").append(TIME.format(since)).append(", ")
					.append(Duration.between(since, seenAt).toSeconds()).append(" s");
			}
			text.append(", query: ")
				.append((query != null) ? "'" + query + "'" : "not visible to this role (pg_read_all_stats shows it)");
			return text.append(")").toString();
		}

	}

}
