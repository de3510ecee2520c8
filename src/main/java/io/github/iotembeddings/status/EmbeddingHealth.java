package io.github.iotembeddings.status;

import java.time.Duration;

import io.github.iotembeddings.config.MetricsProperties;
import io.github.iotembeddings.sync.Backlog;
import io.github.iotembeddings.model.EmbeddingModel;
import io.github.iotembeddings.model.LoadedModel;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * Health of the processes that serve HTTP: {@code database} (the {@link DatabaseProbe}'s latest answer:
 * reachable and migrated), in the readiness group, for both; in {@code schedule} also
 * {@code embeddingModel} (is the model loaded) and {@code embeddingLag} (DOWN while the oldest pending
 * event has waited longer than {@code embeddings.metrics.max-lag}, or while the backlog cannot be
 * measured), in {@code /actuator/health} only: a lagging scheduler needs attention, not a restart.
 */
@Configuration(proxyBeanMethods = false)
@Profile("web")
class EmbeddingHealth {

	/** Read from the probe's latest result: a probe of the probe never waits on the database. */
	@Bean
	HealthIndicator databaseHealthIndicator(DatabaseProbe probe) {
		return () -> {
			DatabaseProbe.State state = probe.state();
			Health.Builder health = state.ready() ? Health.up() : Health.down();
			if (state.problem() != null) {
				health.withDetail("error", state.problem());
			}
			return health.withDetail("since", state.since().toString()).build();
		};
	}

	@Bean
	@Profile("schedule")
	HealthIndicator embeddingModelHealthIndicator(LoadedModel model) {
		return () -> {
			EmbeddingModel loaded = model.ifLoaded();
			return (loaded != null) ? Health.up().withDetail("model", loaded.id()).build()
					: Health.down().withDetail("model", "not loaded").build();
		};
	}

	@Bean
	@Profile("schedule")
	HealthIndicator embeddingLagHealthIndicator(BacklogMonitor monitor, MetricsProperties properties) {
		return () -> {
			Backlog backlog = monitor.latest();
			String failure = monitor.failure();
			if (failure != null) {
				return Health.down().withDetail("error", "cannot measure the backlog: " + failure).build();
			}
			if (backlog == null) {
				return Health.unknown().withDetail("backlog", "not measured yet").build();
			}
			Duration lag = backlog.lag();
			Health.Builder health = lag.compareTo(properties.maxLag()) <= 0 ? Health.up() : Health.down();
			return health.withDetail("pending", backlog.pending().total())
				.withDetail("lagSeconds", lag.toSeconds())
				.withDetail("maxLagSeconds", properties.maxLag().toSeconds())
				.build();
		};
	}

}
