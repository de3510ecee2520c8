package io.github.iotembeddings.config;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * When the scheduler syncs.
 *
 * @param cron the Quartz cron expression of the sync (seconds first), every minute by default
 * @param listen whether to wake the sync as soon as the opt-in change trigger on iot_events notifies
 */
@ConfigurationProperties("embeddings.schedule")
@Validated
public record ScheduleProperties(@DefaultValue("0 * * * * ?") @NotBlank String cron,
		@DefaultValue("true") boolean listen) {

}
