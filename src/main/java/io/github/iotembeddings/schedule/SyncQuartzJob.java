package io.github.iotembeddings.schedule;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;

import io.github.iotembeddings.common.Messages;
import io.github.iotembeddings.run.EmbeddingPasses;
import io.github.iotembeddings.run.PassRequest;
import io.github.iotembeddings.run.PassResult;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;

import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * What Quartz runs at each fire time: one sync. {@link DisallowConcurrentExecution} holds cluster-wide
 * with the JDBC job store, so a fire time that comes while a sync runs anywhere waits for it to end,
 * then runs once. The fire time is an identifying job parameter, so no fire time can run twice.
 */
@DisallowConcurrentExecution
class SyncQuartzJob extends QuartzJobBean {

	private static final Log logger = LogFactory.getLog(SyncQuartzJob.class);

	private final EmbeddingPasses passes;

	private final EventChangeListener changeListener;

	SyncQuartzJob(EmbeddingPasses passes, EventChangeListener changeListener) {
		this.passes = passes;
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
			PassResult result = passes.run(
					PassRequest.scheduledSync(LocalDateTime.ofInstant(scheduled.toInstant(), ZoneId.systemDefault())));
			// A change notified while a pass ran may have committed after the pass read. Quartz holds the
			// sync it asked for until this job ends and does not always wake its scheduler for it then, so
			// pass again at once, until no change came in during a pass.
			while (result.ran().isPresent() && result.completed() && changeListener.changedSince(passStarted)) {
				passStarted = System.nanoTime();
				result = passes.run(PassRequest.scheduledSync(null));
			}
		}
		catch (Exception ex) {
			// The run's failure is in the Batch metadata; the next fire time tries again.
			logger.warn("Sync of " + scheduled.toInstant() + " failed: " + Messages.firstLine(ex));
		}
	}

}
