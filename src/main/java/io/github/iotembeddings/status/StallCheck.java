package io.github.iotembeddings.status;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.github.iotembeddings.sync.Backlog;
import io.github.iotembeddings.config.HealthProperties;
import io.github.iotembeddings.config.SyncProperties;
import io.github.iotembeddings.config.ToolSchema;
import io.github.iotembeddings.executions.ExecutionHistory;
import io.github.iotembeddings.executions.ExecutionSummary;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Whether syncs are stalled, as any process can tell from the database (the {@code status} command, the
 * console of {@code serve}): events have waited longer than {@code embeddings.health.stall-time} and no
 * sync has ended for as long; and the likeliest reason, from the latest run, the schedule's pause and the
 * schedulers' check-ins. A few indexed lookups, whatever the tables' sizes. A {@code schedule} process
 * knows more about itself (its threads, its pool) and says so in its own health.
 */
@Component
public class StallCheck {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
		.withZone(ZoneId.systemDefault());

	/** A scheduler that has not checked in for this long is gone (Quartz checks in every 5 s). */
	private static final Duration CHECK_IN_LIMIT = Duration.ofMinutes(1);

	private final JdbcTemplate jdbcTemplate;

	private final ExecutionHistory history;

	private final HealthProperties properties;

	private final SyncProperties syncProperties;

	private final String schedulerState;

	private final String pausedGroups;

	StallCheck(JdbcTemplate jdbcTemplate, ExecutionHistory history, HealthProperties properties, SyncProperties syncProperties,
			ToolSchema schema) {
		this.jdbcTemplate = jdbcTemplate;
		this.history = history;
		this.properties = properties;
		this.syncProperties = syncProperties;
		this.schedulerState = schema.qualify("qrtz_scheduler_state");
		this.pausedGroups = schema.qualify("qrtz_paused_trigger_grps");
	}

	/**
	 * @param backlog the backlog just measured
	 * @return "stalled since ..., because ...", or empty when syncs keep up
	 */
	public Optional<String> stalled(Backlog backlog) {
		Duration stallTime = properties.stallTime();
		Instant now = backlog.measuredAt();
		if (backlog.pending().total() == 0 || backlog.lag().compareTo(stallTime) < 0) {
			return Optional.empty();
		}
		Instant lastSync = backlog.lastSync();
		if (lastSync != null && Duration.between(lastSync, now).compareTo(stallTime) < 0) {
			return Optional.empty();
		}
		Instant since = (lastSync != null) ? lastSync : now.minus(backlog.lag());
		return Optional.of(String.format(Locale.ROOT, "stalled since %s (%d min), because %s", TIME.format(since),
				Duration.between(since, now).toMinutes(), because(since, now)));
	}

	private String because(Instant since, Instant now) {
		List<ExecutionSummary> latest = history.latest(1);
		ExecutionSummary run = latest.isEmpty() ? null : latest.get(0);
		if (run != null && "STARTED".equals(run.status())) {
			return "execution " + run.id() + " (" + run.mode() + ") has been running since " + run.startTime()
					+ " and holds the run lock (see executions; stop or restart it if its process is gone)";
		}
		if (run != null && "FAILED".equals(run.status()) && run.endTime() != null
				&& run.endTime().atZone(ZoneId.systemDefault()).toInstant().isAfter(since)) {
			return "the latest run, execution " + run.id() + ", failed: " + run.exitMessage();
		}
		if (Boolean.TRUE.equals(jdbcTemplate.queryForObject("select exists (select 1 from " + pausedGroups + ")",
				Boolean.class))) {
			return "the schedule is paused (resume it in the console)";
		}
		Long checkedIn = jdbcTemplate.queryForObject("select max(last_checkin_time) from " + schedulerState, Long.class);
		String external = syncProperties.externalSchedule();
		if (external == null && (checkedIn == null
				|| Duration.between(Instant.ofEpochMilli(checkedIn), now).compareTo(CHECK_IN_LIMIT) > 0)) {
			return "no scheduler is running (" + lastCheckIn(checkedIn) + ") and no CronJob is configured"
					+ " (EMBEDDINGS_SYNC_EXTERNAL_SCHEDULE)";
		}
		return "no sync has ended since then (" + ((external != null) ? "CronJob schedule '" + external + "'; "
				: "") + lastCheckIn(checkedIn) + "): look at the scheduler's or the CronJob's log";
	}

	private static String lastCheckIn(@Nullable Long checkedIn) {
		return (checkedIn == null) ? "no scheduler ever checked in"
				: "a scheduler last checked in at " + TIME.format(Instant.ofEpochMilli(checkedIn));
	}

}
