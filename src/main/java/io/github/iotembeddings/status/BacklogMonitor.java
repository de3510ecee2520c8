package io.github.iotembeddings.status;

import io.github.iotembeddings.common.Messages;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.github.iotembeddings.config.BackgroundThreads;
import io.github.iotembeddings.config.MetricsProperties;
import io.github.iotembeddings.sync.Backlog;
import io.github.iotembeddings.sync.BacklogQuery;
import io.github.iotembeddings.model.ModelIdentity;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Profile;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Measures the backlog in the background every {@code embeddings.metrics.refresh}, so that metric
 * scrapes and health checks read a recent snapshot instead of each running the queries (a few index
 * lookups, whatever the table's size; see {@link BacklogQuery}). A failed measurement keeps the last snapshot and is remembered, so health can
 * tell a stale figure from a current one.
 */
@Component
@Profile("schedule")
public class BacklogMonitor implements InitializingBean {

	private static final Log logger = LogFactory.getLog(BacklogMonitor.class);

	private final BacklogQuery query;

	private final ObjectProvider<ModelIdentity> model;

	private final MetricsProperties properties;

	private final TaskScheduler timer;

	private volatile @Nullable Backlog latest;

	private volatile @Nullable String failure;

	private final BacklogHistory history = new BacklogHistory(Duration.ofMinutes(1), 24 * 60);

	BacklogMonitor(BacklogQuery query, ObjectProvider<ModelIdentity> model, MetricsProperties properties,
			@Qualifier(BackgroundThreads.BACKLOG) TaskScheduler timer) {
		this.query = query;
		this.model = model;
		this.properties = properties;
		this.timer = timer;
	}

	@Override
	public void afterPropertiesSet() {
		long period = Math.max(properties.refresh().toMillis(), 100);
		timer.scheduleWithFixedDelay(this::refresh, Duration.ofMillis(period));
	}

	/** Measures now; also what the schedule calls after a run, so the figures follow the runs. */
	public void refresh() {
		try {
			Backlog measured = query.measure(model.getObject().id());
			latest = measured;
			history.record(measured);
			failure = null;
		}
		catch (RuntimeException ex) {
			String message = Messages.firstLine(ex);
			if (failure == null) {
				logger.warn("Cannot measure the embedding backlog: " + message);
			}
			failure = message;
		}
	}

	/** @return the latest snapshot, or null before the first measurement */
	public @Nullable Backlog latest() {
		return latest;
	}

	/** @return why the last measurement failed, or null when it succeeded */
	public @Nullable String failure() {
		return failure;
	}

	/** @return the backlog over the last day this process ran, oldest first */
	public List<BacklogHistory.Point> history() {
		return history.points();
	}

	/** @return how old the latest snapshot is, or null when there is none */
	public @Nullable Duration age() {
		Backlog backlog = latest;
		return (backlog != null) ? Duration.between(backlog.measuredAt(), Instant.now()) : null;
	}

}
