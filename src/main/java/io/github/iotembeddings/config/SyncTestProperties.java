package io.github.iotembeddings.config;

import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How {@code sync-test} inserts its marked events.
 *
 * @param insertSql one INSERT into {@code public.iot_events} ... RETURNING id that inserts one marked
 * event, for tables where a copy of the newest event cannot be inserted (or when there is none); unset:
 * each marked event copies the newest event's columns. It must name {@code public.iot_events}: the ids
 * it returns are deleted from there afterwards
 */
@ConfigurationProperties("embeddings.sync-test")
@Validated
public record SyncTestProperties(@Nullable @Pattern(regexp = "(?is)\\s*insert\\s+into\\s+public\\.iot_events\\b.*\\breturning\\b.*",
		message = "must be one INSERT into public.iot_events ... RETURNING id") String insertSql) {

}
