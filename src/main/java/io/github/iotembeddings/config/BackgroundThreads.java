package io.github.iotembeddings.config;

import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The background threads, built with Boot's builders: the context names them and shuts them down. Each
 * monitor has a thread of its own, never a shared one: the watchdog, the database probe, the lock
 * heartbeats and the backlog monitor can each block on a dead connection up to their bounds, and none may
 * wait behind another. A thread starts when its pool is first given work, so a one-shot command starts
 * only those it uses; a pool exists only in the profile that uses it.
 *
 * <p>Every thread is a daemon, and closing the context neither pauses the pools first nor waits for
 * their tasks (Spring's default for a pool would wait for running tasks, up to the lifecycle timeout): a
 * thread blocked on a database that does not answer never holds up the process's exit.
 */
@Configuration(proxyBeanMethods = false)
public class BackgroundThreads {

	/** {@code schedule}: the sync watchdog's checks. */
	public static final String WATCHDOG = "watchdogScheduler";

	/** {@code schedule}: the backlog's measurements. */
	public static final String BACKLOG = "backlogScheduler";

	/** {@code web}: the database probe readiness reads. */
	public static final String DATABASE_PROBE = "databaseProbeScheduler";

	/** The heartbeats of the sessions that hold a run's locks. */
	public static final String LOCK_HEARTBEATS = "lockHeartbeatScheduler";

	/** The looks at lock waits while runs are in progress. */
	public static final String LOCK_WAITS = "lockWaitsScheduler";

	/** The count of a run's pending events, off the run's path. */
	public static final String PENDING_COUNT = "pendingCountExecutor";

	/** The slices of a full check, on {@code embeddings.sync.full-check-threads} connections. */
	public static final String FULL_CHECK = "fullCheckExecutor";

	/** {@code schedule}: the work after a run, so the next sync does not wait for it. */
	public static final String AFTER_RUN = "afterRunExecutor";

	/** {@code web}: passes asked for over HTTP, one at a time. */
	public static final String BACKGROUND_PASSES = "backgroundPassExecutor";

	/** {@code web}: the console's index rebuild. */
	public static final String INDEX_REBUILD = "indexRebuildExecutor";

	/** Passes beyond this many waiting are refused: a queue of clicks is not a plan. */
	public static final int PASSES_WAITING = 8;

	@Bean(WATCHDOG)
	@Profile("schedule")
	ThreadPoolTaskScheduler watchdogScheduler(ThreadPoolTaskSchedulerBuilder builder) {
		return scheduler(builder, "iot-embeddings-watchdog-");
	}

	@Bean(BACKLOG)
	@Profile("schedule")
	ThreadPoolTaskScheduler backlogScheduler(ThreadPoolTaskSchedulerBuilder builder) {
		return scheduler(builder, "iot-embeddings-backlog-");
	}

	@Bean(DATABASE_PROBE)
	@Profile("web")
	ThreadPoolTaskScheduler databaseProbeScheduler(ThreadPoolTaskSchedulerBuilder builder) {
		return scheduler(builder, "iot-embeddings-database-probe-");
	}

	@Bean(LOCK_HEARTBEATS)
	ThreadPoolTaskScheduler lockHeartbeatScheduler(ThreadPoolTaskSchedulerBuilder builder) {
		return scheduler(builder, "iot-embeddings-lock-heartbeat-");
	}

	@Bean(LOCK_WAITS)
	ThreadPoolTaskScheduler lockWaitsScheduler(ThreadPoolTaskSchedulerBuilder builder) {
		return scheduler(builder, "iot-embeddings-lock-waits-");
	}

	@Bean(PENDING_COUNT)
	ThreadPoolTaskExecutor pendingCountExecutor(ThreadPoolTaskExecutorBuilder builder) {
		return executor(builder, "iot-embeddings-pending-count-", 1).build();
	}

	@Bean(FULL_CHECK)
	ThreadPoolTaskExecutor fullCheckExecutor(ThreadPoolTaskExecutorBuilder builder, SyncProperties properties) {
		return executor(builder, "iot-embeddings-full-check-", properties.fullCheckThreads()).build();
	}

	@Bean(AFTER_RUN)
	@Profile("schedule")
	ThreadPoolTaskExecutor afterRunExecutor(ThreadPoolTaskExecutorBuilder builder) {
		// Work already asked for is still done while the context closes (its rows are committed).
		return executor(builder, "iot-embeddings-after-run-", 1).awaitTermination(true).build();
	}

	@Bean(BACKGROUND_PASSES)
	@Profile("web")
	ThreadPoolTaskExecutor backgroundPassExecutor(ThreadPoolTaskExecutorBuilder builder) {
		return executor(builder, "iot-embeddings-background-pass-", 1).queueCapacity(PASSES_WAITING).build();
	}

	@Bean(INDEX_REBUILD)
	@Profile("web")
	ThreadPoolTaskExecutor indexRebuildExecutor(ThreadPoolTaskExecutorBuilder builder) {
		return executor(builder, "iot-embeddings-index-rebuild-", 1).build();
	}

	private static ThreadPoolTaskScheduler scheduler(ThreadPoolTaskSchedulerBuilder builder, String name) {
		return builder.poolSize(1).threadNamePrefix(name).additionalCustomizers(scheduler -> {
			scheduler.setDaemon(true);
			scheduler.setAcceptTasksAfterContextClose(true);
		}).build();
	}

	private static ThreadPoolTaskExecutorBuilder executor(ThreadPoolTaskExecutorBuilder builder, String name,
			int threads) {
		return builder.corePoolSize(threads)
			.maxPoolSize(threads)
			.queueCapacity(Integer.MAX_VALUE)
			.threadNamePrefix(name)
			.acceptTasksAfterContextClose(true)
			.additionalCustomizers(executor -> executor.setDaemon(true));
	}

}
