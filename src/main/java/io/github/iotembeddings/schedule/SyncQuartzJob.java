package io.github.iotembeddings.schedule;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.Optional;

import io.github.iotembeddings.config.JobProperties;
import io.github.iotembeddings.job.EmbeddingRuns;
import io.github.iotembeddings.job.Partition;
import io.github.iotembeddings.model.EmbeddingModel;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * What Quartz runs at each fire time: one sync. {@link DisallowConcurrentExecution} holds cluster-wide
 * with the JDBC job store, so a fire time that comes while a sync runs anywhere waits for it to end,
 * then runs once. The fire time is an identifying job parameter, so no fire time can run twice.
 */
@DisallowConcurrentExecution
class SyncQuartzJob extends QuartzJobBean {

	private static final Log logger = LogFactory.getLog(SyncQuartzJob.class);

	private final EmbeddingRuns runs;

	private final EmbeddingModel model;

	private final JobProperties jobProperties;

	private final AfterSyncWork afterSyncWork;

	private final EventChangeListener changeListener;

	SyncQuartzJob(EmbeddingRuns runs, EmbeddingModel model, JobProperties jobProperties, AfterSyncWork afterSyncWork,
			EventChangeListener changeListener) {
		this.runs = runs;
		this.model = model;
		this.jobProperties = jobProperties;
		this.afterSyncWork = afterSyncWork;
		this.changeListener = changeListener;
	}

	@Override
	protected void executeInternal(JobExecutionContext context) {
		Date scheduled = (context.getScheduledFireTime() != null) ? context.getScheduledFireTime() : new Date();
		Duration late = Duration.between(scheduled.toInstant(), context.getFireTime().toInstant());
		if (late.toSeconds() >= 1) {
			logger.info("Sync of " + scheduled.toInstant() + " starts " + late.toSeconds()
					+ " s late: the previous sync was still running (or the scheduler was down); it runs once");
		}
		try {
			long passStarted = System.nanoTime();
			Optional<JobExecution> execution = runs.startUnlessRunning("schedule", jobProperties.chunkSize(), model,
					LocalDateTime.ofInstant(scheduled.toInstant(), ZoneId.systemDefault()), Partition.WHOLE);
			if (execution.isEmpty()) {
				logger.info("Sync of " + scheduled.toInstant()
						+ " skipped: another embedding run (a sync or backfill) is in progress on this database");
				return;
			}
			boolean wrote = EmbeddingRuns.eventsWritten(execution.get()) > 0;
			// A change notified while a pass ran may have committed after the pass read. Quartz holds the
			// sync it asked for until this job ends and does not always wake its scheduler for it then, so
			// pass again at once, until no change came in during a pass.
			while (changeListener.changedSince(passStarted) && execution.get().getStatus() == BatchStatus.COMPLETED) {
				passStarted = System.nanoTime();
				execution = runs.startUnlessRunning("schedule", jobProperties.chunkSize(), model, null, Partition.WHOLE);
				if (execution.isEmpty()) {
					break;
				}
				wrote |= EmbeddingRuns.eventsWritten(execution.get()) > 0;
			}
			if (wrote) {
				// Syncs with nothing to do leave the reports and the index as they were.
				afterSyncWork.request();
			}
		}
		catch (Exception ex) {
			// The run's failure is in the Batch metadata; the next fire time tries again.
			logger.warn("Sync of " + scheduled.toInstant() + " failed: " + ex.getMessage());
		}
	}

}
