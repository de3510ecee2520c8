package io.github.iotembeddings.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The backlog metrics and health of {@code schedule}.
 *
 * @param refresh how often the backlog is measured (a few index lookups: the watermark, the change queue,
 * the errors list, the last full check)
 * @param maxLag health is DOWN while the oldest pending event has waited longer than this
 */
@ConfigurationProperties("embeddings.metrics")
@Validated
public record MetricsProperties(@DefaultValue("15s") Duration refresh, @DefaultValue("10m") Duration maxLag) {

}
