package io.github.iotembeddings.run;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.concurrent.Callable;

import io.github.iotembeddings.common.Causes;
import io.github.iotembeddings.common.Messages;
import io.github.iotembeddings.config.InvalidConfigurationException;
import io.github.iotembeddings.common.Refusal;
import io.github.iotembeddings.config.JobProperties;
import io.github.iotembeddings.events.Partition;
import io.github.iotembeddings.executions.ExecutionHistory;
import io.github.iotembeddings.executions.ExecutionRules;
import io.github.iotembeddings.job.EmbeddingJob;
import io.github.iotembeddings.locks.LockWaits;
import io.github.iotembeddings.locks.RunExclusivity;
import io.github.iotembeddings.locks.RunOwnership;
import io.github.iotembeddings.model.EmbeddingModel;
import io.github.iotembeddings.model.ModelIdentity;
import io.github.iotembeddings.sync.SyncPlanner;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Launches and restarts the embedding job for {@link EmbeddingPasses}, under the run lock, synchronously,
 * and turns what happened into a {@link PassResult}: whatever the database does to a launch (a connection
 * that dies at any moment, even while Batch records the run's end) fails that pass only, in one line.
 */
@Component
class JobLaunches {

	private static final Log logger = LogFactory.getLog(JobLaunches.class);

	private final JobOperator jobOperator;

	private final Job embedEventsJob;

	private final RunExclusivity exclusivity;

	private final RunOwnership ownership;

	private final LockWaits lockWaits;

	private final SyncPlanner planner;

	private final ExecutionRules rules;

	private final ExecutionHistory history;

	private final JobProperties properties;

	private final ObjectProvider<ModelIdentity> identity;

	private final ObjectProvider<EmbeddingModel> models;

	private final RunHeartbeat heartbeat;

	JobLaunches(JobOperator jobOperator, Job embedEventsJob, RunExclusivity exclusivity, RunOwnership ownership,
			LockWaits lockWaits, SyncPlanner planner, ExecutionRules rules, ExecutionHistory history,
			JobProperties properties, ObjectProvider<ModelIdentity> identity, ObjectProvider<EmbeddingModel> models,
			RunHeartbeat heartbeat) {
		this.jobOperator = jobOperator;
		this.embedEventsJob = embedEventsJob;
		this.exclusivity = exclusivity;
		this.ownership = ownership;
		this.lockWaits = lockWaits;
		this.planner = planner;
		this.rules = rules;
		this.history = history;
		this.properties = properties;
		this.identity = identity;
		this.models = models;
		this.heartbeat = heartbeat;
	}

	/**
	 * Embeds the newest events with no embedding by this model (a backfill), waiting for any run already
	 * in progress on the share to end first.
	 */
	PassResult backfill(PassRequest request, long limit) {
		return guarded(request, () -> {
			try (RunExclusivity.Lease lease = exclusivity.acquire(request.partition(), heartbeat::beat)) {
				return PassResult.ran(request, launch(request, limit, null));
			}
		});
	}

	/**
	 * A sync (a reconcile checks every event first): when another run is in progress it does nothing, that
	 * run embeds what is pending; under the lock it resumes runs whose process died, then asks the
	 * {@link SyncPlanner} what to read, and launches nothing when there is nothing.
	 */
	PassResult sync(PassRequest request) {
		boolean fullCheck = request.mode() == PassRequest.Mode.RECONCILE;
		Partition partition = request.partition();
		return guarded(request, () -> {
			// A full check is rare and asked for: it waits for a run in progress rather than skip the night.
			Optional<RunExclusivity.Lease> free = fullCheck ? Optional.of(exclusivity.acquire(partition, heartbeat::beat))
					: exclusivity.tryAcquire(partition);
			if (free.isEmpty()) {
				return PassResult.without(request, PassResult.Outcome.BUSY);
			}
			try (RunExclusivity.Lease lease = free.get()) {
				resumeOrphans(partition);
				Optional<SyncPlanner.Plan> plan = planner.plan(partition, identity.getObject().id(), fullCheck);
				if (plan.isEmpty()) {
					return PassResult.without(request, PassResult.Outcome.NOTHING_TO_DO);
				}
				return PassResult.ran(request, launch(request, null, plan.get()));
			}
		});
	}

	/** Restarts a failed or stopped execution, or one left running by a process that is gone. */
	PassResult restart(PassRequest request) {
		long executionId = request.executionId();
		JobExecution checked = restartable(executionId);
		return guarded(request, () -> {
			JobExecution failed = checked;
			if (failed.getStatus().isRunning()) {
				logger.info("Execution " + executionId + " is marked " + failed.getStatus()
						+ " but its process is gone: marking it FAILED before restarting it");
				jobOperator.recover(failed);
				failed = rules.require(executionId);
			}
			try (RunExclusivity.Lease lease = exclusivity.acquire(EmbeddingJob.partitionOf(failed.getJobParameters()),
					heartbeat::beat)) {
				loadModel();
				return PassResult.ran(request, finished(jobOperator.restart(failed)));
			}
		});
	}

	/**
	 * Checks, without changing anything, that an execution can be restarted now: it exists, is the latest
	 * of its instance, is FAILED, STOPPED, or left running by a process that is gone, and ran with the
	 * model this process embeds with.
	 * @throws io.github.iotembeddings.executions.NoSuchExecutionException when there is no such execution
	 * @throws Refusal when it cannot be restarted, saying why
	 */
	JobExecution restartable(long executionId) {
		JobExecution failed = rules.resumable(executionId, "restart");
		String startedWith = failed.getJobParameters().getString(EmbeddingJob.MODEL);
		String modelId = identity.getObject().id();
		if (!modelId.equals(startedWith)) {
			throw new Refusal("execution " + executionId + " ran with model " + startedWith
					+ " but " + modelId + " is loaded: restart it with the same --model, --max-length, pooling and"
					+ " passage prefix");
		}
		return failed;
	}

	private PassResult guarded(PassRequest request, Callable<PassResult> launch) {
		ownership.forgetStartedHere();
		Instant started = Instant.now();
		lockWaits.runStarted();
		try {
			return launch.call();
		}
		catch (Exception ex) {
			// A model that cannot load, a restart refused: the caller's to report, before anything ran.
			Refusal refusal = Causes.find(ex, Refusal.class);
			if (refusal != null) {
				throw refusal;
			}
			InvalidConfigurationException setting = Causes.find(ex, InvalidConfigurationException.class);
			if (setting != null) {
				throw setting;
			}
			Long interrupted = ownership.releaseStartedHere();
			String cause = lockWaits.blockerOf(ex, started)
				.map(blocker -> blocker + ": " + Messages.ofRootCause(ex))
				.orElseGet(() -> Messages.ofRootCause(ex));
			logger.warn((interrupted != null ? "Execution " + interrupted + " was interrupted" : "An embedding run failed")
					+ ": " + cause);
			return PassResult.failed(request, interrupted, cause);
		}
		finally {
			lockWaits.runEnded();
		}
	}

	private JobExecution launch(PassRequest request, @Nullable Long limit, SyncPlanner.@Nullable Plan plan)
			throws Exception {
		EmbeddingModel model = loadModel();
		JobParametersBuilder parameters = new JobParametersBuilder()
			.addString(EmbeddingJob.MODE, request.mode().recordedAs())
			.addLong(EmbeddingJob.CHUNK_SIZE, (long) properties.chunkSize())
			.addString(EmbeddingJob.MODEL, model.id());
		if (request.fireTime() != null) {
			parameters.addLocalDateTime(EmbeddingJob.FIRE_TIME, request.fireTime());
		}
		else {
			parameters.addLocalDateTime(EmbeddingJob.LAUNCHED_AT, LocalDateTime.now());
		}
		if (limit != null) {
			parameters.addLong(EmbeddingJob.LIMIT, limit);
		}
		if (!request.partition().isWhole()) {
			parameters.addString(EmbeddingJob.PARTITION, request.partition().toString());
		}
		if (plan != null) {
			parameters.addLong(EmbeddingJob.CHECKED_THROUGH, plan.checkedThrough(), false);
			if (plan.unembeddedAbove() != null) {
				parameters.addLong(EmbeddingJob.UNEMBEDDED_ABOVE, plan.unembeddedAbove(), false);
			}
		}
		return finished(jobOperator.start(embedEventsJob, parameters.toJobParameters()));
	}

	/**
	 * A sync that completed, at once or restarted, moves its share's watermark: only then is every event
	 * it covered known to be embedded.
	 */
	private JobExecution finished(JobExecution execution) {
		Long checkedThrough = execution.getJobParameters().getLong(EmbeddingJob.CHECKED_THROUGH);
		if (execution.getStatus() == BatchStatus.COMPLETED && checkedThrough != null) {
			planner.completed(EmbeddingJob.partitionOf(execution.getJobParameters()), checkedThrough);
		}
		return execution;
	}

	/**
	 * Resumes runs left STARTED by a process that died (SIGKILL, a lost node): each is marked FAILED
	 * with Batch's {@code recover} and restarted, so it goes on after its last committed chunk with its
	 * own parameters. Only runs over the same share of the events as this one, whose lock the caller
	 * holds, so no live run of this tool can be among them; the run's own lock double-checks.
	 */
	private void resumeOrphans(Partition partition) throws Exception {
		String modelId = identity.getObject().id();
		for (long executionId : history.markedRunning(partition)) {
			JobExecution orphan = rules.find(executionId);
			if (orphan == null || ownership.isOwnedByALiveProcess(executionId)) {
				continue;
			}
			jobOperator.recover(orphan);
			String startedWith = orphan.getJobParameters().getString(EmbeddingJob.MODEL);
			if (!modelId.equals(startedWith)) {
				logger.warn("Execution " + executionId + " was left running by a process that died; marked FAILED."
						+ " It ran with model " + startedWith + ", so it is not resumed with " + modelId);
				continue;
			}
			logger.info("Execution " + executionId + " was left running by a process that died: resuming it after"
					+ " its last committed chunk");
			loadModel();
			JobExecution resumed = finished(jobOperator.restart(rules.require(executionId)));
			logger.info("Resumed execution " + executionId + " as execution " + resumed.getId() + ": "
					+ resumed.getStatus());
		}
	}

	/**
	 * Loads the model once there is something to embed: a sync with nothing to do never pays for it.
	 * @return the loaded model, which is the one the runs are recorded with
	 */
	private EmbeddingModel loadModel() {
		EmbeddingModel model = models.getObject();
		if (!model.id().equals(identity.getObject().id())) {
			throw new IllegalStateException("the loaded model " + model.id() + " is not the one the runs record, "
					+ identity.getObject().id());
		}
		return model;
	}

}
