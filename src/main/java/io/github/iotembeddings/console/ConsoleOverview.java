package io.github.iotembeddings.console;

import java.util.List;

import io.github.iotembeddings.sync.Backlog;
import io.github.iotembeddings.sync.BacklogQuery;
import io.github.iotembeddings.config.IndexProperties;
import io.github.iotembeddings.index.IndexLifecycle;
import io.github.iotembeddings.index.IndexPlan;
import io.github.iotembeddings.index.IndexPolicy;
import io.github.iotembeddings.index.IndexState;
import io.github.iotembeddings.model.ModelIdentity;
import io.github.iotembeddings.report.SyncSchedule;
import io.github.iotembeddings.run.BackgroundPasses;
import io.github.iotembeddings.schedule.EmbeddingScheduler;
import io.github.iotembeddings.schedule.ScheduleState;
import io.github.iotembeddings.schedule.SyncStall;
import io.github.iotembeddings.schedule.SyncWatchdog;
import io.github.iotembeddings.status.BacklogHistory;
import io.github.iotembeddings.status.BacklogMonitor;
import io.github.iotembeddings.status.StallCheck;
import org.jspecify.annotations.Nullable;
import org.quartz.SchedulerException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Gathers the overview from the figures {@code status} and the metrics read: the scheduler's latest
 * backlog measurement when there is a scheduler (measured in the background), else one measurement now
 * (a few index lookups), and the index from the catalog. Nothing here counts a table.
 */
@Component
@Profile("web")
class ConsoleOverview {

	private final ObjectProvider<BacklogMonitor> monitor;

	private final BacklogQuery backlogQuery;

	private final ObjectProvider<ModelIdentity> model;

	private final IndexLifecycle index;

	private final IndexProperties indexProperties;

	private final ObjectProvider<EmbeddingScheduler> scheduler;

	private final BackgroundPasses passes;

	private final SyncSchedule syncSchedule;

	private final ObjectProvider<SyncWatchdog> watchdog;

	private final StallCheck stallCheck;

	ConsoleOverview(ObjectProvider<BacklogMonitor> monitor, BacklogQuery backlogQuery, ObjectProvider<ModelIdentity> model,
			IndexLifecycle index, IndexProperties indexProperties, ObjectProvider<EmbeddingScheduler> scheduler,
			BackgroundPasses passes, SyncSchedule syncSchedule, ObjectProvider<SyncWatchdog> watchdog,
			StallCheck stallCheck) {
		this.watchdog = watchdog;
		this.stallCheck = stallCheck;
		this.syncSchedule = syncSchedule;
		this.monitor = monitor;
		this.backlogQuery = backlogQuery;
		this.model = model;
		this.index = index;
		this.indexProperties = indexProperties;
		this.scheduler = scheduler;
		this.passes = passes;
	}

	Overview now() throws SchedulerException {
		String modelId = model.getObject().id();
		BacklogMonitor backlogMonitor = monitor.getIfAvailable();
		Backlog backlog = (backlogMonitor != null && backlogMonitor.latest() != null) ? backlogMonitor.latest()
				: backlogQuery.measure(modelId);
		IndexState state = index.state();
		String due = IndexPolicy.plan(state, indexProperties).map(IndexPlan::reason).orElse(null);
		EmbeddingScheduler embeddingScheduler = scheduler.getIfAvailable();
		ScheduleState schedule = (embeddingScheduler != null) ? embeddingScheduler.state() : null;
		String syncs = (schedule != null) ? "" : syncSchedule.now().description();
		return new Overview(modelId, backlog, state, due, schedule, syncs, passes.inProgress(), stalled(backlog));
	}

	/**
	 * @return whether syncs are stalled and why: the scheduler's own watchdog, which sees its threads and
	 * pool, else what the database tells
	 */
	private @Nullable String stalled(Backlog backlog) {
		SyncWatchdog syncWatchdog = watchdog.getIfAvailable();
		if (syncWatchdog != null) {
			SyncStall stall = syncWatchdog.current();
			return stall.stalled() ? stall.describe() : null;
		}
		return stallCheck.stalled(backlog).orElse(null);
	}

	/** @return the backlog over time, or none without a scheduler (only {@code schedule} measures it) */
	List<BacklogHistory.Point> backlogHistory() {
		BacklogMonitor backlogMonitor = monitor.getIfAvailable();
		return (backlogMonitor != null) ? backlogMonitor.history() : List.of();
	}

}
