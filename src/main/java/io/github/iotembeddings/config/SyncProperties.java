package io.github.iotembeddings.config;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How syncs find their work, and the full check (reconcile) that catches what they cannot see.
 *
 * @param lateCommitWindow how many ids below the last sync's watermark each sync looks at again, so that
 * an event whose transaction took its id early and committed after that sync is still found; an event
 * that commits later than this is found by the next full check
 * @param fullCheckCron when {@code schedule} runs the full check (Quartz cron, seconds first); nightly by
 * default
 * @param fullCheckSlice events per statement of the full check: each slice is its own short transaction
 * @param fullCheckThreads connections the full check uses side by side
 * @param historyRetention Batch executions older than this are purged after each full check, except the
 * ones that can still be restarted and the latest of each mode, which the reports describe
 * @param externalSchedule the schedule of whatever runs {@code sync} from outside this tool (e.g. the CronJob's
 * {@code spec.schedule}), for the reports to say; unset when nothing does
 */
@ConfigurationProperties("embeddings.sync")
@Validated
public record SyncProperties(@DefaultValue("10000") @Min(0) long lateCommitWindow,
		@DefaultValue("0 30 3 * * ?") @NotBlank String fullCheckCron,
		@DefaultValue("100000") @Min(1000) @Max(10_000_000) int fullCheckSlice,
		@DefaultValue("2") @Min(1) @Max(32) int fullCheckThreads, @DefaultValue("30d") Duration historyRetention,
		@Nullable String externalSchedule) {

}
