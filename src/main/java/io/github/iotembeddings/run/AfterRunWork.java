package io.github.iotembeddings.run;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.github.iotembeddings.common.Messages;
import io.github.iotembeddings.config.BackgroundThreads;
import io.github.iotembeddings.index.IndexLifecycle;
import io.github.iotembeddings.report.Reports;
import io.github.iotembeddings.status.BacklogMonitor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Component;

/**
 * What follows a run: an {@code analyze} of the table (when it wrote a large share of it), the reports of
 * the run's kind (backfill or sync), the index check (when it wrote rows), and the backlog figures of a
 * long-running process. In a one-shot command it runs before the command returns. In {@code schedule}
 * it runs on a thread of its own, so the next sync (a change notified meanwhile) does not wait for it,
 * and requests that come while one is queued are served by that one. None of it ever fails the run:
 * its rows are committed.
 */
@Component
class AfterRunWork {

	private static final Log logger = LogFactory.getLog(AfterRunWork.class);

	private final Reports reports;

	private final IndexLifecycle indexLifecycle;

	private final ObjectProvider<BacklogMonitor> backlogMonitor;

	/** Only in {@code schedule}; elsewhere the work runs before the command returns. */
	private final @Nullable TaskExecutor background;

	private final AtomicBoolean queued = new AtomicBoolean();

	private final AtomicLong writtenSinceLastWork = new AtomicLong();

	private final AtomicBoolean backfillsSinceLastWork = new AtomicBoolean();

	private final AtomicBoolean syncsSinceLastWork = new AtomicBoolean();

	private final StatisticsRefresh statisticsRefresh;

	AfterRunWork(Reports reports, IndexLifecycle indexLifecycle, ObjectProvider<BacklogMonitor> backlogMonitor,
			StatisticsRefresh statisticsRefresh,
			@Qualifier(BackgroundThreads.AFTER_RUN) ObjectProvider<TaskExecutor> background) {
		this.statisticsRefresh = statisticsRefresh;
		this.reports = reports;
		this.indexLifecycle = indexLifecycle;
		this.backlogMonitor = backlogMonitor;
		this.background = background.getIfAvailable();
	}

	/**
	 * @param backfill whether the run was a backfill (or the restart of one) rather than a sync
	 * @param written embeddings the run wrote: the statistics and the index may no longer fit the table; runs
	 * whose work was coalesced into one count together
	 */
	void request(boolean backfill, long written) {
		writtenSinceLastWork.addAndGet(written);
		(backfill ? backfillsSinceLastWork : syncsSinceLastWork).set(true);
		if (background == null) {
			work();
		}
		else if (queued.compareAndSet(false, true)) {
			background.execute(this::work);
		}
	}

	private void work() {
		queued.set(false);
		try {
			long written = writtenSinceLastWork.getAndSet(0);
			// First, so the reports say it ran and the index check reads the new row count.
			statisticsRefresh.afterWriting(written);
			reports.writeAfterRuns(backfillsSinceLastWork.getAndSet(false), syncsSinceLastWork.getAndSet(false));
			if (written > 0) {
				indexLifecycle.maintain();
			}
			backlogMonitor.ifAvailable(BacklogMonitor::refresh);
		}
		catch (RuntimeException ex) {
			logger.warn("After a run: " + Messages.firstLine(ex));
		}
	}

}
