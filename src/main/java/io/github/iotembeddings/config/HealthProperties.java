package io.github.iotembeddings.config;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What the health probes of {@code schedule} and {@code serve} call unhealthy.
 *
 * @param stallTime syncs that have not ended without failing for this long, while events wait to be
 * embedded, are stalled: liveness goes DOWN when a restart can cure the reason (a stuck thread, an
 * exhausted pool, a scheduler that stopped firing)
 * @param probeInterval how often the database is checked on a connection of its own (readiness: reachable,
 * migrated)
 */
@ConfigurationProperties("embeddings.health")
@Validated
public record HealthProperties(@DefaultValue("10m") @DurationMin(seconds = 1) Duration stallTime,
		@DefaultValue("10s") @DurationMin(millis = 100) Duration probeInterval) {

}
