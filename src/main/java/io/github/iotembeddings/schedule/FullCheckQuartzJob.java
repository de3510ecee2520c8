package io.github.iotembeddings.schedule;

import io.github.iotembeddings.common.Messages;
import io.github.iotembeddings.events.Partition;
import io.github.iotembeddings.run.EmbeddingPasses;
import io.github.iotembeddings.run.PassRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;

import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * What Quartz runs on the full-check cron (nightly by default): a reconcile pass, which checks every
 * event, queues what the syncs could not see (edits made without the capture trigger, late commits
 * beyond the window, a model switch) and embeds it, then purges old Batch history.
 */
@DisallowConcurrentExecution
class FullCheckQuartzJob extends QuartzJobBean {

	private static final Log logger = LogFactory.getLog(FullCheckQuartzJob.class);

	private final EmbeddingPasses passes;

	FullCheckQuartzJob(EmbeddingPasses passes) {
		this.passes = passes;
	}

	@Override
	protected void executeInternal(JobExecutionContext context) {
		try {
			passes.run(PassRequest.reconcile(Partition.WHOLE, false));
		}
		catch (Exception ex) {
			logger.warn("Full check failed: " + Messages.firstLine(ex));
		}
	}

}
