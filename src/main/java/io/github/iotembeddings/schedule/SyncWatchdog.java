package io.github.iotembeddings.schedule;

import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.github.iotembeddings.sync.Backlog;
import io.github.iotembeddings.config.BackgroundThreads;
import io.github.iotembeddings.config.ConnectionRouting;
import io.github.iotembeddings.config.HealthProperties;
import io.github.iotembeddings.run.PassActivity;
import io.github.iotembeddings.status.BacklogMonitor;
import io.github.iotembeddings.status.DatabaseProbe;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Profile;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Tells whether the syncs of this {@code schedule} process are stalled, and why, from what it already
 * knows: the passes in progress and their heartbeats ({@link PassActivity}), when a sync last ended without
 * failing, the backlog ({@link BacklogMonitor}), the database probe ({@link DatabaseProbe}), the pool and
 * the schedule. Every few seconds, in memory but for one look at the schedule's state; the liveness check
 * and the metrics read the latest verdict ({@link SyncStall}) and never wait.
 */
@Component
@Profile("schedule")
public class SyncWatchdog implements InitializingBean, MeterBinder {

	private static final Log logger = LogFactory.getLog(SyncWatchdog.class);

	private final PassActivity activity;

	private final BacklogMonitor backlog;

	private final DatabaseProbe database;

	private final HealthProperties properties;

	private final @Nullable HikariPoolMXBean pool;

	private final int poolSize;

	private final EmbeddingScheduler scheduler;

	private final TaskScheduler timer;

	private volatile SyncStall current = SyncStall.NONE;

	private @Nullable Instant poolExhaustedSince;

	private boolean paused;

	SyncWatchdog(PassActivity activity, BacklogMonitor backlog, DatabaseProbe database, HealthProperties properties,
			DataSource dataSource, EmbeddingScheduler scheduler,
			@Qualifier(BackgroundThreads.WATCHDOG) TaskScheduler timer) {
		this.activity = activity;
		this.backlog = backlog;
		this.database = database;
		this.properties = properties;
		// The job's pool: requests exhausting their own pool slow themselves, which no restart cures.
		HikariDataSource jobPool = ConnectionRouting.jobPoolOf(dataSource);
		this.pool = jobPool.getHikariPoolMXBean();
		this.poolSize = jobPool.getMaximumPoolSize();
		this.scheduler = scheduler;
		this.timer = timer;
	}

	@Override
	public void afterPropertiesSet() {
		long period = Math.max(500, Math.min(5_000, properties.stallTime().toMillis() / 6));
		timer.scheduleWithFixedDelay(this::check, Instant.now().plusMillis(period), Duration.ofMillis(period));
	}

	/** @return the latest verdict */
	public SyncStall current() {
		return current;
	}

	/** Looks again now; the timer calls it every few seconds. */
	synchronized void check() {
		try {
			paused = scheduler.state().paused();
		}
		catch (Exception ex) {
			// The schedule's state comes from the job store: unknown while it cannot be read; keep the last.
		}
		SyncStall verdict = judge(Instant.now());
		SyncStall previous = current;
		current = verdict;
		if (verdict.stalled() && (!previous.stalled() || previous.cause() != verdict.cause())) {
			logger.warn("Syncs " + verdict.describe() + (verdict.restartCures() ? "; liveness is DOWN" : ""));
		}
		else if (!verdict.stalled() && previous.stalled()) {
			logger.info("Syncs are no longer stalled");
		}
	}

	private SyncStall judge(Instant now) {
		trackPool(now);
		return StallRules.judge(new StallRules.Observation(now, properties.stallTime(), database.state(),
				activity.inProgress(), activity.lastSyncOrStart(), activity.lastFailure(), activity.lastFailureCause(),
				pending(), paused, poolExhaustedSince, poolSize));
	}

	/** @return whether events are waiting; when the backlog cannot be measured, they may be */
	private boolean pending() {
		Backlog latest = backlog.latest();
		return latest == null || backlog.failure() != null || latest.pending().total() > 0;
	}

	private void trackPool(Instant now) {
		boolean exhausted = pool != null && pool.getThreadsAwaitingConnection() > 0
				&& pool.getActiveConnections() >= poolSize;
		if (!exhausted) {
			poolExhaustedSince = null;
		}
		else if (poolExhaustedSince == null) {
			poolExhaustedSince = now;
		}
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("iot.embeddings.sync.stalled", this, watchdog -> watchdog.current().stalled() ? 1 : 0)
			.description("1 while syncs are stalled: events wait and no sync has ended without failing for the stall time")
			.register(registry);
		Gauge.builder("iot.embeddings.sync.stalled.duration", this, watchdog -> watchdog.current().seconds())
			.description("how long syncs have been stalled; 0 when they are not")
			.baseUnit("seconds")
			.register(registry);
		for (SyncStall.Cause cause : SyncStall.Cause.values()) {
			Gauge.builder("iot.embeddings.sync.stall", this, watchdog -> watchdog.current().cause() == cause ? 1 : 0)
				.description("1 for the reason syncs are stalled, 0 for the others")
				.tag("cause", cause.label())
				.register(registry);
		}
		Gauge.builder("iot.embeddings.last.sync.age", activity,
				passes -> Duration.between(passes.lastSyncOrStart(), Instant.now()).toMillis() / 1000.0)
			.description("time since a sync last ended without failing (or since the process started)")
			.baseUnit("seconds")
			.register(registry);
	}

}
