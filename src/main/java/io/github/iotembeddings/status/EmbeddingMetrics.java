package io.github.iotembeddings.status;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import io.github.iotembeddings.sync.Backlog;
import io.github.iotembeddings.executions.ExecutionHistory;
import io.github.iotembeddings.executions.ExecutionSummary;
import io.github.iotembeddings.model.EmbeddingModel;
import io.github.iotembeddings.model.LoadedModel;
import io.github.iotembeddings.model.EmbeddingStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The tool's metrics, in Prometheus form at {@code /actuator/prometheus} (names there use underscores:
 * {@code iot_embeddings_pending_events}, ...). Backlog figures come from {@link BacklogMonitor}'s
 * latest snapshot; run figures from Spring Batch's tables; model figures from the loaded model's
 * counters.
 */
@Component
@Profile("schedule")
class EmbeddingMetrics implements MeterBinder {

	private final BacklogMonitor monitor;

	private final ExecutionHistory history;

	private final LoadedModel model;

	EmbeddingMetrics(BacklogMonitor monitor, ExecutionHistory history, LoadedModel model) {
		this.monitor = monitor;
		this.history = history;
		this.model = model;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		backlog(registry, "iot.embeddings.events", "events in iot_events (the planner's estimate)", null, Backlog::events);
		backlog(registry, "iot.embeddings.embedded.rows", "rows in event_embeddings (the planner's estimate)", null,
				Backlog::embedded);
		backlog(registry, "iot.embeddings.pending.events", "events the next sync embeds: new, queued, due for a retry",
				null, backlog -> backlog.pending().total());
		backlog(registry, "iot.embeddings.queued.events", "events in the change queue", null,
				backlog -> backlog.pending().queued());
		backlog(registry, "iot.embeddings.stale.rows",
				"embedded rows from another model or an older text, at the last full check", null, Backlog::stale);
		backlog(registry, "iot.embeddings.full.check.age", "how old the last full check is", "seconds",
				backlog -> seconds(backlog.fullCheckAge()));
		backlog(registry, "iot.embeddings.failing.events", "events in the errors list", null, Backlog::failing);
		backlog(registry, "iot.embeddings.oldest.pending.age", "how long the oldest pending event has waited", "seconds",
				backlog -> backlog.lag().toMillis() / 1000.0);
		Gauge.builder("iot.embeddings.backlog.age", monitor, m -> seconds(m.age()))
			.description("how old the backlog figures are")
			.baseUnit("seconds")
			.register(registry);
		Gauge.builder("iot.embeddings.last.run.duration", this, m -> lastRun(run -> seconds(run.duration())))
			.description("duration of the latest finished run")
			.baseUnit("seconds")
			.register(registry);
		Gauge.builder("iot.embeddings.last.run.success", this,
				m -> lastRun(run -> "COMPLETED".equals(run.status()) ? 1 : 0))
			.description("1 when the latest finished run COMPLETED, 0 when it failed or stopped")
			.register(registry);
		Gauge.builder("iot.embeddings.last.run.rows.per.second", this, m -> lastRun(run -> {
			Double rate = run.rowsPerSecond();
			return (rate != null) ? rate : Double.NaN;
		})).description("events embedded per second by the latest finished run").register(registry);
		FunctionCounter.builder("iot.embeddings.model.texts", this, m -> modelStat(stats -> stats.texts()))
			.description("texts embedded since start")
			.register(registry);
		FunctionCounter.builder("iot.embeddings.model.tokens", this, m -> modelStat(stats -> stats.tokens()))
			.description("real tokens embedded since start")
			.register(registry);
		FunctionTimer.builder("iot.embeddings.model.calls", this, m -> (long) modelStat(stats -> stats.calls()),
				m -> modelStat(stats -> stats.nanos()), TimeUnit.NANOSECONDS)
			.description("model calls and the time spent embedding (tokenising and pooling included)")
			.register(registry);
	}

	private void backlog(MeterRegistry registry, String name, String description, @Nullable String unit,
			ToDoubleFunction<Backlog> value) {
		Gauge.Builder<BacklogMonitor> gauge = Gauge.builder(name, monitor, m -> {
			Backlog backlog = m.latest();
			return (backlog != null) ? value.applyAsDouble(backlog) : Double.NaN;
		}).description(description);
		if (unit != null) {
			gauge.baseUnit(unit);
		}
		gauge.register(registry);
	}

	private double lastRun(ToDoubleFunction<ExecutionSummary> value) {
		List<ExecutionSummary> latest = history.latest(5);
		return latest.stream()
			.filter(run -> run.endTime() != null)
			.findFirst()
			.map(value::applyAsDouble)
			.orElse(Double.NaN);
	}

	private double modelStat(ToDoubleFunction<EmbeddingStats> value) {
		EmbeddingModel loaded = model.ifLoaded();
		return (loaded != null) ? value.applyAsDouble(loaded.stats()) : 0;
	}

	private static double seconds(@Nullable Duration duration) {
		return (duration != null) ? duration.toMillis() / 1000.0 : Double.NaN;
	}

}
