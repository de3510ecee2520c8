package io.github.iotembeddings.config;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * When the scheduler syncs.
 *
 * @param cron the Quartz cron expression of the sync (seconds first), every minute by default
 * @param listen whether to wake the sync as soon as the opt-in change trigger on iot_events notifies
 * @param shutdownGrace after SIGTERM, how long the running sync may take to stop after its chunk before
 * the process exits anyway (exit 1; the interrupted run is resumed by the next sync): within Kubernetes'
 * default grace period of 30 s even when the database does not answer
 */
@ConfigurationProperties("embeddings.schedule")
@Validated
public record ScheduleProperties(@DefaultValue("0 * * * * ?") @NotBlank String cron,
		@DefaultValue("true") boolean listen,
		@DefaultValue("25s") @DurationMin(seconds = 1) Duration shutdownGrace) {

}
