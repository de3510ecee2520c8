package io.github.iotembeddings.config;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the embedding job reads and batches events.
 *
 * @param chunkSize events read, embedded in one model call and committed together
 * @param textSql the SQL expression over {@code public.iot_events e} that gives the text to embed
 * @param maxAttempts how many times an event that failed is tried before it is left to the errors list
 * @param retryBackoff the wait before the first retry of a failed event; it doubles with each attempt
 */
@ConfigurationProperties("embeddings.job")
@Validated
public record JobProperties(@DefaultValue("64") @Min(1) @Max(10_000) int chunkSize,
		@DefaultValue(DEFAULT_TEXT_SQL) @NotBlank String textSql, @DefaultValue("5") @Min(1) int maxAttempts,
		@DefaultValue("1m") Duration retryBackoff) {

	/**
	 * "door_open event from device door-12: battery_pct 81, state open": the event type, the device
	 * and the payload's keys and values in key order. A payload that is not a JSON object is embedded
	 * as its JSON text.
	 */
	public static final String DEFAULT_TEXT_SQL = "concat_ws(': ', e.event_type || ' event from device ' || e.device_id,"
			+ " case when jsonb_typeof(e.payload) = 'object'"
			+ " then (select string_agg(p.key || ' ' || p.value, ', ' order by p.key) from jsonb_each_text(e.payload) p)"
			+ " else e.payload::text end)";

}
