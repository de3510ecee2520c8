package io.github.iotembeddings.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import io.github.iotembeddings.config.ScheduleProperties;
import io.github.iotembeddings.config.SyncProperties;
import io.github.iotembeddings.events.Partition;
import io.github.iotembeddings.run.BackgroundPasses;
import io.github.iotembeddings.run.PassRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The clustered Quartz scheduler of {@code schedule}: registers the sync job with its cron trigger
 * (replacing whatever an earlier start registered, so a changed cron takes effect), starts it, wakes it
 * early, and shuts it down waiting for the running sync.
 */
@Component
@Profile("schedule")
public class EmbeddingScheduler {

	private static final Log logger = LogFactory.getLog(EmbeddingScheduler.class);

	static final JobKey SYNC_JOB = JobKey.jobKey("sync", "iot-embeddings");

	static final JobKey FULL_CHECK_JOB = JobKey.jobKey("full-check", "iot-embeddings");

	private static final TriggerKey SYNC_TRIGGER = TriggerKey.triggerKey("sync-cron", SYNC_JOB.getGroup());

	private static final TriggerKey FULL_CHECK_TRIGGER = TriggerKey.triggerKey("full-check-cron", FULL_CHECK_JOB.getGroup());

	/** The one trigger of "sync now": asking again replaces it, so requests never pile up. */
	private static final TriggerKey SYNC_NOW_TRIGGER = TriggerKey.triggerKey("sync-now", SYNC_JOB.getGroup());

	private final Scheduler scheduler;

	private final ScheduleProperties properties;

	private final TransactionTemplate transaction;

	private final SyncProperties syncProperties;

	private final BackgroundPasses passes;

	/** How late a stored "sync now" may be and still fire as soon as the scheduler is free. */
	private final Duration freshness;

	EmbeddingScheduler(Scheduler scheduler, ScheduleProperties properties, TransactionTemplate transaction,
			SyncProperties syncProperties, BackgroundPasses passes,
			@Value("${spring.quartz.properties.org.quartz.jobStore.misfireThreshold}") long misfireThresholdMillis) {
		this.passes = passes;
		this.freshness = Duration.ofMillis(misfireThresholdMillis / 2);
		this.scheduler = scheduler;
		this.properties = properties;
		this.transaction = transaction;
		this.syncProperties = syncProperties;
	}

	public void start() throws SchedulerException {
		JobDetail job = JobBuilder.newJob(SyncQuartzJob.class).withIdentity(SYNC_JOB).storeDurably().build();
		// A missed fire time (downtime, or a long sync) runs once when possible, not once per miss.
		Trigger trigger = TriggerBuilder.newTrigger()
			.withIdentity(SYNC_TRIGGER)
			.forJob(job)
			.withSchedule(CronScheduleBuilder.cronSchedule(properties.cron()).withMisfireHandlingInstructionFireAndProceed())
			.build();
		// In a transaction: the job store's row lock (qrtz_locks) only holds until the statement's commit, so
		// outside one two schedulers starting together both write the trigger, and one fails on its key.
		JobDetail fullCheck = JobBuilder.newJob(FullCheckQuartzJob.class).withIdentity(FULL_CHECK_JOB).storeDurably().build();
		Trigger nightly = TriggerBuilder.newTrigger()
			.withIdentity(FULL_CHECK_TRIGGER)
			.forJob(fullCheck)
			.withSchedule(CronScheduleBuilder.cronSchedule(syncProperties.fullCheckCron())
				.withMisfireHandlingInstructionFireAndProceed())
			.build();
		transaction.executeWithoutResult(status -> {
			try {
				scheduler.scheduleJobs(Map.of(job, Set.of(trigger), fullCheck, Set.of(nightly)), true);
			}
			catch (SchedulerException ex) {
				throw new IllegalStateException("cannot register the sync job: " + ex.getMessage(), ex);
			}
		});
		scheduler.start();
		logger.info("Scheduler " + scheduler.getSchedulerInstanceId() + " started: sync on cron '" + properties.cron()
				+ "', full check on cron '" + syncProperties.fullCheckCron() + "', clustered through the database");
	}

	/**
	 * Asks for a sync as soon as possible; it waits for a running one, cluster-wide. While the schedule is
	 * paused Quartz would hold a fire until it is resumed (the job store pauses new triggers too), so the
	 * sync runs here instead, as a background pass.
	 * @return whether it went to the schedule (false: it runs in this process, the schedule being paused)
	 */
	public boolean syncNow() throws SchedulerException {
		if (scheduler.getTriggerState(SYNC_TRIGGER) == Trigger.TriggerState.PAUSED) {
			passes.submit(PassRequest.sync(Partition.WHOLE), "sync now, schedule paused");
			return false;
		}
		if (storedSyncNowCovers()) {
			return true;
		}
		Trigger now = TriggerBuilder.newTrigger().withIdentity(SYNC_NOW_TRIGGER).forJob(SYNC_JOB).startNow().build();
		try {
			// Replaced, never added: during a sync, however many ask, one sync follows it, cluster-wide.
			transaction.executeWithoutResult(status -> {
				try {
					if (scheduler.rescheduleJob(SYNC_NOW_TRIGGER, now) == null) {
						scheduler.scheduleJob(now);
					}
				}
				catch (ObjectAlreadyExistsException ex) {
					// another scheduler stored it a moment ago: that one covers this request
				}
				catch (SchedulerException ex) {
					throw new IllegalStateException(ex.getMessage(), ex);
				}
			});
		}
		catch (RuntimeException ex) {
			throw new SchedulerException("cannot ask for a sync now: " + ex.getMessage(), ex);
		}
		return true;
	}

	/**
	 * A "sync now" not yet fired covers a new request (one that fired is COMPLETE while its sync runs), if
	 * it is fresh. One that waited behind a long sync for more than Quartz's misfire threshold is no longer
	 * acquired by the scheduler thread, only by the misfire handler, up to a threshold later: that one is
	 * replaced, so a change never waits for the misfire handler.
	 */
	private boolean storedSyncNowCovers() throws SchedulerException {
		Trigger.TriggerState state = scheduler.getTriggerState(SYNC_NOW_TRIGGER);
		if (state != Trigger.TriggerState.NORMAL && state != Trigger.TriggerState.BLOCKED) {
			return false;
		}
		Trigger stored = scheduler.getTrigger(SYNC_NOW_TRIGGER);
		Instant fireTime = nextFire(stored);
		return fireTime != null && fireTime.isAfter(Instant.now().minus(freshness));
	}

	/** Stops firing new syncs in this process (at shutdown); one in progress goes on. */
	public void standby() throws SchedulerException {
		scheduler.standby();
	}

	/**
	 * Pauses the sync and the nightly full check for every scheduler of the cluster, until resumed: the
	 * pause is kept in the job store, so it outlasts restarts. Runs in progress go on.
	 */
	public void pauseSchedule() throws SchedulerException {
		scheduler.pauseAll();
		logger.info("Schedule paused: no sync or full check fires until it is resumed");
	}

	/** Resumes the paused schedule; a fire time missed meanwhile runs once, now. */
	public void resumeSchedule() throws SchedulerException {
		scheduler.resumeAll();
		logger.info("Schedule resumed");
	}

	/** @return the schedule as the job store has it now */
	public ScheduleState state() throws SchedulerException {
		Trigger sync = scheduler.getTrigger(SYNC_TRIGGER);
		Trigger fullCheck = scheduler.getTrigger(FULL_CHECK_TRIGGER);
		boolean paused = scheduler.getTriggerState(SYNC_TRIGGER) == Trigger.TriggerState.PAUSED;
		return new ScheduleState(scheduler.isStarted() && !scheduler.isInStandbyMode(), paused, properties.cron(),
				paused ? null : nextFire(sync), syncProperties.fullCheckCron(), paused ? null : nextFire(fullCheck));
	}

	private static @Nullable Instant nextFire(@Nullable Trigger trigger) {
		return (trigger == null || trigger.getNextFireTime() == null) ? null : trigger.getNextFireTime().toInstant();
	}

	/** Stops firing and waits for the sync in progress in this process to end. */
	public void shutdown() throws SchedulerException {
		scheduler.shutdown(true);
	}

}
