package io.github.iotembeddings.schedule;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The schedule at one moment.
 *
 * @param running whether this process's scheduler fires jobs (false while it starts or stops)
 * @param paused whether the schedule is paused cluster-wide (console or admin), until resumed
 * @param cron the sync's Quartz cron
 * @param nextSync the sync's next fire time; null while paused
 * @param fullCheckCron the nightly full check's Quartz cron
 * @param nextFullCheck its next fire time; null while paused
 */
public record ScheduleState(boolean running, boolean paused, String cron, @Nullable Instant nextSync,
		String fullCheckCron, @Nullable Instant nextFullCheck) {

}
