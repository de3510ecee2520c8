package io.github.iotembeddings.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import io.github.iotembeddings.config.SyncProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * How syncs are scheduled, as configured: the Quartz cron of {@code schedule} when its trigger is
 * registered (and whether a scheduler is checking in to fire it), the schedule of whatever runs
 * {@code sync} from outside the tool ({@code embeddings.sync.external-schedule}, e.g. the CronJob's), or on
 * demand when neither.
 */
@Component
public class SyncSchedule {

	/**
	 * Quartz's own grace before another instance takes over a silent one (ClusterManager): a scheduler
	 * counts as running while its last check-in is at most its interval plus this old.
	 */
	private static final long CHECKIN_GRACE_MS = 7500;

	private final JdbcTemplate jdbcTemplate;

	private final SyncProperties properties;

	SyncSchedule(JdbcTemplate jdbcTemplate, SyncProperties properties) {
		this.jdbcTemplate = jdbcTemplate;
		this.properties = properties;
	}

	/** @return how syncs are scheduled now, from Quartz's tables and the settings */
	public State now() {
		List<Map<String, Object>> triggers = jdbcTemplate.queryForList("""
				select c.cron_expression, t.trigger_state, t.next_fire_time from qrtz_cron_triggers c
				join qrtz_triggers t on t.sched_name = c.sched_name and t.trigger_name = c.trigger_name
				  and t.trigger_group = c.trigger_group
				where c.trigger_name = 'sync-cron'""");
		Map<String, Object> trigger = triggers.isEmpty() ? Map.of() : triggers.get(0);
		List<Map<String, Object>> checkins = jdbcTemplate.queryForList("""
				select last_checkin_time, checkin_interval,
				  (extract(epoch from clock_timestamp()) * 1000)::bigint - last_checkin_time as age_ms
				from qrtz_scheduler_state order by last_checkin_time desc limit 1""");
		Instant lastCheckin = null;
		boolean running = false;
		if (!checkins.isEmpty()) {
			Map<String, Object> latest = checkins.get(0);
			lastCheckin = Instant.ofEpochMilli(((Number) latest.get("last_checkin_time")).longValue());
			running = ((Number) latest.get("age_ms")).longValue()
					<= ((Number) latest.get("checkin_interval")).longValue() + CHECKIN_GRACE_MS;
		}
		Object nextFire = trigger.get("next_fire_time");
		return new State((String) trigger.get("cron_expression"), (String) trigger.get("trigger_state"),
				(nextFire != null && ((Number) nextFire).longValue() > 0) ? Instant.ofEpochMilli(((Number) nextFire).longValue()) : null,
				lastCheckin, running, properties.externalSchedule());
	}

	/**
	 * @param quartzCron the sync trigger's cron in Quartz's tables, or null when no scheduler ever registered it
	 * @param quartzTriggerState Quartz's state of that trigger ({@code WAITING}, {@code PAUSED}, ...), or null
	 * @param nextFireTime when it fires next, or null
	 * @param schedulerLastCheckin the latest check-in of any scheduler instance, or null if none ever did
	 * @param schedulerRunning whether that check-in is recent (within its interval plus Quartz's grace)
	 * @param externalSchedule {@code embeddings.sync.external-schedule}: what runs {@code sync} from outside, or null
	 */
	public record State(@Nullable String quartzCron, @Nullable String quartzTriggerState, @Nullable Instant nextFireTime,
			@Nullable Instant schedulerLastCheckin, boolean schedulerRunning, @Nullable String externalSchedule) {

		/** @return in words, plain text (the JSON reports and the console); never empty */
		public String description() {
			return describe(value -> value);
		}

		/** @return in words, with the crons and commands as code (the Markdown reports); never empty */
		public String markdown() {
			return describe(value -> "`" + value + "`");
		}

		private String describe(UnaryOperator<String> code) {
			List<String> parts = new ArrayList<>();
			if (quartzCron != null) {
				StringBuilder quartz = new StringBuilder(code.apply("schedule") + " (Quartz) on cron ").append(code.apply(quartzCron));
				if ("PAUSED".equals(quartzTriggerState)) {
					quartz.append(", paused");
				}
				if (schedulerRunning) {
					quartz.append(", a scheduler checked in ")
						.append(Duration.between(schedulerLastCheckin, Instant.now()).toSeconds()).append(" s ago");
					if (nextFireTime != null) {
						quartz.append(", next fire ").append(nextFireTime);
					}
				}
				else {
					quartz.append((schedulerLastCheckin != null)
							? ", but no scheduler is running: the last check-in was " + schedulerLastCheckin + " ("
									+ Duration.between(schedulerLastCheckin, Instant.now()).toMinutes() + " min ago)"
							: ", but no scheduler has checked in");
				}
				parts.add(quartz.toString());
			}
			if (externalSchedule != null) {
				parts.add(code.apply("sync") + " run from outside the tool on " + code.apply(externalSchedule)
						+ " (embeddings.sync.external-schedule, e.g. the CronJob's spec.schedule)");
			}
			return parts.isEmpty() ? "on demand: no scheduler has registered a sync trigger and no external schedule is"
					+ " configured (EMBEDDINGS_SYNC_EXTERNAL_SCHEDULE); syncs run when someone runs " + code.apply("sync")
					: String.join("; ", parts);
		}

	}

	/**
	 * The schedule in the JSON reports ({@code schedule}): what a {@link State} holds, its description first, times
	 * as ISO-8601. The components, in this order, are the fields (_reports/README.md).
	 */
	record Entry(String description, @Nullable String quartzCron, @Nullable String quartzTriggerState,
			@Nullable String nextFireTime, @Nullable String schedulerLastCheckin, boolean schedulerRunning,
			@Nullable String externalSchedule) {

		static Entry of(State state) {
			return new Entry(state.description(), state.quartzCron(), state.quartzTriggerState(),
					(state.nextFireTime() != null) ? state.nextFireTime().toString() : null,
					(state.schedulerLastCheckin() != null) ? state.schedulerLastCheckin().toString() : null,
					state.schedulerRunning(), state.externalSchedule());
		}

	}

}
