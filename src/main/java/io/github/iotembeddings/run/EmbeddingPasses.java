package io.github.iotembeddings.run;

import io.github.iotembeddings.common.Messages;
import io.github.iotembeddings.config.SyncProperties;
import io.github.iotembeddings.executions.ExecutionRetention;
import io.github.iotembeddings.events.EventTextFunction;
import io.github.iotembeddings.events.Partition;
import io.github.iotembeddings.model.EmbeddingModel;
import io.github.iotembeddings.model.ModelIdentity;
import io.github.iotembeddings.schema.DatabasePreflight;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;

/**
 * The embedding pass, whole, for every mode and every entry point: the database checks, the text
 * function, the model, the run under its lock, and the work that follows it. The command line, the
 * scheduler and the admin API only translate their input into a {@link PassRequest} and render the
 * {@link PassResult}; a new mode is a new request, wired here once.
 */
@Service
public class EmbeddingPasses {

	private static final Log logger = LogFactory.getLog(EmbeddingPasses.class);

	private final DatabasePreflight preflight;

	private final JobLaunches launches;

	private final ObjectProvider<EmbeddingModel> model;

	private final AfterRunWork afterRunWork;

	private final EventTextFunction eventTextFunction;

	private final ExecutionRetention retention;

	private final SyncProperties syncProperties;

	private final PassActivity activity;

	private final ObjectProvider<ModelIdentity> identity;

	EmbeddingPasses(DatabasePreflight preflight, JobLaunches launches, ObjectProvider<EmbeddingModel> model,
			ObjectProvider<ModelIdentity> identity, AfterRunWork afterRunWork, EventTextFunction eventTextFunction,
			ExecutionRetention retention, SyncProperties syncProperties, PassActivity activity) {
		this.identity = identity;
		this.activity = activity;
		this.retention = retention;
		this.syncProperties = syncProperties;
		this.preflight = preflight;
		this.eventTextFunction = eventTextFunction;
		this.launches = launches;
		this.model = model;
		this.afterRunWork = afterRunWork;
	}

	/**
	 * Checks everything a pass needs before anything is written: the events table, a migrated schema,
	 * the text function as configured, and which model embeds. The model itself is loaded (and its
	 * dimension checked) only once a run has something to embed.
	 * @return the model that embeds, as {@code event_embeddings.model} records it
	 */
	public ModelIdentity prepare() {
		preflight.requireReady();
		eventTextFunction.ensureInstalled();
		return identity.getObject();
	}

	/**
	 * {@link #prepare()}, and the model loaded: what a long-running entry point does once at start-up, so
	 * a model that cannot load shows at once rather than at the first change, and no sync pays for the load.
	 * @return the loaded model
	 */
	public EmbeddingModel prepareToEmbed() {
		prepare();
		return model.getObject();
	}

	/**
	 * Runs one pass to its end; synchronous.
	 * @param request what to run
	 * @return what it did
	 */
	public PassResult run(PassRequest request) {
		activity.started(request);
		PassResult result = null;
		try {
			result = runStarted(request);
			return result;
		}
		finally {
			activity.ended(request, result);
		}
	}

	private PassResult runStarted(PassRequest request) {
		try {
			prepare();
		}
		catch (DataAccessException ex) {
			// The database went away: this pass fails in one line; a setting to fix still throws.
			logger.warn(request.mode().recordedAs() + ": cannot reach the database: " + Messages.ofRootCause(ex));
			return PassResult.failed(request, null, Messages.ofRootCause(ex));
		}
		PassResult result = launch(request);
		if (result.outcome() == PassResult.Outcome.BUSY) {
			logger.info(request.mode().recordedAs() + ": another embedding run over these events is in progress"
					+ " on this database and embeds what is pending; nothing to do");
		}
		if (request.mode() == PassRequest.Mode.RECONCILE && result.outcome() != PassResult.Outcome.BUSY
				&& result.outcome() != PassResult.Outcome.FAILED) {
			// Once a night is often enough, and the full check's pass is the one that runs nightly.
			try {
				retention.purge(syncProperties.historyRetention());
			}
			catch (DataAccessException ex) {
				logger.warn("Cannot purge old Batch history now (the next full check tries again): "
						+ Messages.ofRootCause(ex));
			}
		}
		if (result.outcome() != PassResult.Outcome.NOTHING_TO_DO
				&& (request.onDemand() || result.eventsWritten() > 0 || !result.completed())) {
			// A sync that found nothing, and timer-driven passes that changed nothing, leave reports and
			// index as they were: they describe the last run, which is still the last.
			afterRunWork.request(result.isBackfill(), result.eventsWritten());
		}
		return result;
	}

	/**
	 * @param executionId an execution
	 * @throws io.github.iotembeddings.common.Refusal when it cannot be restarted,
	 * saying why; nothing is changed
	 */
	public void checkRestartable(long executionId) {
		launches.restartable(executionId);
	}

	private PassResult launch(PassRequest request) {
		return switch (request.mode()) {
			case BACKFILL -> launches.backfill(request, shareOf(request.limit(), request.partition()));
			case SYNC, SCHEDULED_SYNC, RECONCILE -> launches.sync(request);
			case RESTART -> launches.restart(request);
		};
	}

	/** A partition's share of a backfill: the N newest pending events spread evenly over the partitions. */
	private static long shareOf(Long limit, Partition partition) {
		return (limit + partition.count() - 1) / partition.count();
	}

}
