package io.github.iotembeddings.schedule;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.iotembeddings.index.IndexLifecycle;
import io.github.iotembeddings.report.Reports;
import io.github.iotembeddings.status.BacklogMonitor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * What follows a sync that wrote rows: the reports, the index check, the backlog figures. It runs on its
 * own thread, so the next sync (a change notified meanwhile) does not wait for it; requests that come
 * while it is queued are served by that one run.
 */
@Component
@Profile("schedule")
class AfterSyncWork implements DisposableBean {

	private static final Log logger = LogFactory.getLog(AfterSyncWork.class);

	private final Reports reports;

	private final IndexLifecycle indexLifecycle;

	private final BacklogMonitor backlogMonitor;

	private final AtomicBoolean queued = new AtomicBoolean();

	private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
		Thread thread = new Thread(runnable, "iot-embeddings-after-sync");
		thread.setDaemon(true);
		return thread;
	});

	AfterSyncWork(Reports reports, IndexLifecycle indexLifecycle, BacklogMonitor backlogMonitor) {
		this.reports = reports;
		this.indexLifecycle = indexLifecycle;
		this.backlogMonitor = backlogMonitor;
	}

	void request() {
		if (queued.compareAndSet(false, true)) {
			executor.execute(() -> {
				queued.set(false);
				try {
					reports.writeAfterRun();
					indexLifecycle.maintain();
					backlogMonitor.refresh();
				}
				catch (RuntimeException ex) {
					logger.warn("After a sync: " + ex.getMessage());
				}
			});
		}
	}

	@Override
	public void destroy() {
		executor.shutdown();
	}

}
