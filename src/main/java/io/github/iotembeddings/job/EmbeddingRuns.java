package io.github.iotembeddings.job;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import io.github.iotembeddings.common.Causes;
import io.github.iotembeddings.common.Messages;
import io.github.iotembeddings.config.InvalidConfigurationException;
import io.github.iotembeddings.config.JobProperties;
import io.github.iotembeddings.model.EmbeddingModel;
import io.github.iotembeddings.model.ModelIdentity;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Starts, restarts and lists runs of the embedding job. Runs are synchronous: a call returns when the
 * run has ended.
 */
@Service
public class EmbeddingRuns {

	private static final Log logger = LogFactory.getLog(EmbeddingRuns.class);

	private final JobOperator jobOperator;

	private final Job embedEventsJob;

	private final JdbcTemplate jdbcTemplate;

	private final RunOwnership runOwnership;

	private final RunExclusivity exclusivity;

	private final JobProperties properties;

	private final SyncPlanner planner;

	private final ExecutionRules rules;

	private final ExecutionHistory history;

	private final ExecutionControl control;

	private final LockWaits lockWaits;

	private final ObjectProvider<ModelIdentity> identity;

	private final ObjectProvider<EmbeddingModel> models;

	EmbeddingRuns(JobOperator jobOperator, Job embedEventsJob, JdbcTemplate jdbcTemplate,
			RunOwnership runOwnership, RunExclusivity exclusivity, JobProperties properties, SyncPlanner planner,
			ExecutionRules rules, ExecutionHistory history, ExecutionControl control, LockWaits lockWaits,
			ObjectProvider<ModelIdentity> identity, ObjectProvider<EmbeddingModel> models) {
		this.identity = identity;
		this.models = models;
		this.lockWaits = lockWaits;
		this.control = control;
		this.rules = rules;
		this.history = history;
		this.properties = properties;
		this.planner = planner;
		this.runOwnership = runOwnership;
		this.exclusivity = exclusivity;
		this.jobOperator = jobOperator;
		this.embedEventsJob = embedEventsJob;
		this.jdbcTemplate = jdbcTemplate;
	}

	/**
	 * Embeds the newest events with no embedding by this model (a backfill), waiting for any run already
	 * in progress on the database to end first.
	 * @param mode recorded with the run
	 * @param limit the most events to embed, or {@code null} for all
	 * @param partition the share of the events to embed
	 * @return the ended execution
	 */
	public RunOutcome start(String mode, @Nullable Long limit, Partition partition) {
		return guarded(() -> {
			try (RunExclusivity.Lease lease = exclusivity.acquire(partition)) {
				return RunOutcome.ran(launch(mode, limit, null, partition, null));
			}
		});
	}

	/**
	 * Like {@link #start}, but when another run is in progress it does nothing: that run embeds what is
	 * pending, so a sync that overlaps it (two CronJob pods, a CronJob and a scheduler) has no work. Under
	 * the lock it resumes runs whose process died, then asks the {@link SyncPlanner} what to read; when
	 * there is nothing, no execution is launched, so a sync with nothing to do leaves no Batch history.
	 * @param mode recorded with the run
	 * @param fireTime the schedule's fire time, recorded as an identifying parameter, or {@code null}
	 * @param partition the share of the events to embed
	 * @param fullCheck whether to check every event first (reconcile)
	 * @return what it did
	 */
	public RunOutcome sync(String mode, @Nullable LocalDateTime fireTime, Partition partition, boolean fullCheck) {
		return guarded(() -> {
			// A full check is rare and asked for: it waits for a run in progress rather than skip the night.
			Optional<RunExclusivity.Lease> free = fullCheck ? Optional.of(exclusivity.acquire(partition))
					: exclusivity.tryAcquire(partition);
			if (free.isEmpty()) {
				return RunOutcome.BUSY;
			}
			try (RunExclusivity.Lease lease = free.get()) {
				resumeOrphans(partition);
				Optional<SyncPlanner.Plan> plan = planner.plan(partition, identity.getObject().id(), fullCheck);
				if (plan.isEmpty()) {
					return RunOutcome.NOTHING_TO_DO;
				}
				return RunOutcome.ran(launch(mode, null, fireTime, partition, plan.get()));
			}
		});
	}

	/**
	 * Runs one launch to its end and turns what the database did to it into an outcome: a connection that
	 * died at any moment, even while Batch recorded the end of the run, fails this run only. Refusals
	 * (a restart that is not possible) are the caller's to report, before anything ran.
	 */
	private RunOutcome guarded(Callable<RunOutcome> launch) {
		runOwnership.forgetStartedHere();
		Instant started = Instant.now();
		lockWaits.runStarted();
		try {
			return launch.call();
		}
		catch (Exception ex) {
			InvalidConfigurationException setting = Causes.find(ex, InvalidConfigurationException.class);
			if (setting != null) {
				// A model that cannot load, a restart refused: the caller's to report, before anything ran.
				throw setting;
			}
			Long interrupted = runOwnership.releaseStartedHere();
			String cause = lockWaits.blockerOf(ex, started)
				.map(blocker -> blocker + ": " + Messages.ofRootCause(ex))
				.orElseGet(() -> Messages.ofRootCause(ex));
			logger.warn((interrupted != null ? "Execution " + interrupted + " was interrupted" : "An embedding run failed")
					+ ": " + cause);
			return RunOutcome.failed(interrupted, cause);
		}
		finally {
			lockWaits.runEnded();
		}
	}

	private JobExecution launch(String mode, @Nullable Long limit, @Nullable LocalDateTime fireTime,
			Partition partition, SyncPlanner.@Nullable Plan plan) throws Exception {
		EmbeddingModel model = loadModel();
		JobParametersBuilder parameters = new JobParametersBuilder().addString(EmbeddingJobParameters.MODE, mode)
			.addLong(EmbeddingJobParameters.CHUNK_SIZE, (long) properties.chunkSize())
			.addString(EmbeddingJobParameters.MODEL, model.id());
		if (fireTime != null) {
			parameters.addLocalDateTime(EmbeddingJobParameters.FIRE_TIME, fireTime);
		}
		else {
			parameters.addLocalDateTime(EmbeddingJobParameters.LAUNCHED_AT, LocalDateTime.now());
		}
		if (limit != null) {
			parameters.addLong(EmbeddingJobParameters.LIMIT, limit);
		}
		if (!partition.isWhole()) {
			parameters.addString(EmbeddingJobParameters.PARTITION, partition.toString());
		}
		if (plan != null) {
			parameters.addLong(EmbeddingJobParameters.CHECKED_THROUGH, plan.checkedThrough(), false);
			if (plan.unembeddedAbove() != null) {
				parameters.addLong(EmbeddingJobParameters.UNEMBEDDED_ABOVE, plan.unembeddedAbove(), false);
			}
		}
		JobParameters jobParameters = parameters.toJobParameters();
		return jobOperator.start(embedEventsJob, jobParameters);
	}

	/**
	 * Restarts a failed or stopped execution, or one left running by a process that is gone; it resumes
	 * after its last committed chunk.
	 * @param executionId the execution to restart
	 * @return the new, ended execution
	 */
	public RunOutcome restart(long executionId) {
		JobExecution checked = restartable(executionId);
		return guarded(() -> {
			JobExecution failed = checked;
			BatchStatus status = failed.getStatus();
			if (status.isRunning()) {
				logger.info("Execution " + executionId + " is marked " + status
						+ " but its process is gone: marking it FAILED before restarting it");
				jobOperator.recover(failed);
				failed = findExecution(executionId);
			}
			try (RunExclusivity.Lease lease = exclusivity.acquire(PendingEvents.partitionOf(failed.getJobParameters()))) {
				loadModel();
				return RunOutcome.ran(jobOperator.restart(failed));
			}
		});
	}

	/**
	 * Checks, without changing anything, that an execution can be restarted now: it exists, is the latest
	 * of its instance, is FAILED, STOPPED, or left running by a process that is gone, and ran with the
	 * model this process embeds with. The console and the admin API ask this before they answer, so a refusal is
	 * their answer rather than a line in the log.
	 * @param executionId the execution
	 * @return the execution
	 * @throws NoSuchExecutionException when there is no such execution of the embedding job
	 * @throws InvalidConfigurationException when it cannot be restarted, saying why
	 */
	public JobExecution restartable(long executionId) {
		JobExecution failed = rules.resumable(executionId, "restart");
		String startedWith = failed.getJobParameters().getString(EmbeddingJobParameters.MODEL);
		String modelId = identity.getObject().id();
		if (!modelId.equals(startedWith)) {
			throw new InvalidConfigurationException("execution " + executionId + " ran with model " + startedWith
					+ " but " + modelId + " is loaded: restart it with the same --model, --max-length, pooling and"
					+ " passage prefix");
		}
		return failed;
	}

	/**
	 * Resumes runs left STARTED by a process that died (SIGKILL, a lost node): each is marked FAILED
	 * with Batch's {@code recover} and restarted, so it goes on after its last committed chunk with its
	 * own parameters. Only runs over the same share of the events as this one (the same partition, or
	 * all events), whose lock the caller holds, so no live run of this tool can be among them; the
	 * per-run lock double-checks.
	 */
	private void resumeOrphans(Partition partition) throws Exception {
		String modelId = identity.getObject().id();
		List<Long> running = jdbcTemplate.queryForList("""
				select je.job_execution_id from batch_job_execution je
				join batch_job_instance ji on ji.job_instance_id = je.job_instance_id and ji.job_name = ?
				where je.status in ('STARTING', 'STARTED', 'STOPPING')
				  and coalesce((select p.parameter_value from batch_job_execution_params p
				       where p.job_execution_id = je.job_execution_id and p.parameter_name = ?), '') = ?
				order by je.job_execution_id""", Long.class, EmbeddingJobConfiguration.JOB_NAME,
				EmbeddingJobParameters.PARTITION, partition.isWhole() ? "" : partition.toString());
		for (long executionId : running) {
			JobExecution orphan = findExecution(executionId);
			if (orphan == null || runOwnership.isOwnedByALiveProcess(executionId)) {
				continue;
			}
			jobOperator.recover(orphan);
			String startedWith = orphan.getJobParameters().getString(EmbeddingJobParameters.MODEL);
			if (!modelId.equals(startedWith)) {
				logger.warn("Execution " + executionId + " was left running by a process that died; marked FAILED."
						+ " It ran with model " + startedWith + ", so it is not resumed with " + modelId);
				continue;
			}
			logger.info("Execution " + executionId + " was left running by a process that died: resuming it after"
					+ " its last committed chunk");
			loadModel();
			JobExecution resumed = jobOperator.restart(findExecution(executionId));
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

	/**
	 * Asks every run of this process to stop after its current chunk commits; each ends STOPPED and can
	 * be restarted. Returns at once; the runs end on their own threads.
	 */
	public void stopRunsOfThisProcess() {
		for (long executionId : runOwnership.ownedHere()) {
			JobExecution execution = findExecution(executionId);
			if (execution != null && execution.isRunning()) {
				try {
					control.requestStop(execution);
					logger.info("Stopping execution " + executionId + " after its current chunk");
				}
				catch (Exception ex) {
					logger.warn("Cannot stop execution " + executionId + ": " + ex.getMessage());
				}
			}
		}
	}

	private @Nullable JobExecution findExecution(long executionId) {
		return rules.find(executionId);
	}

	/**
	 * @param count how many
	 * @return the latest executions of the embedding job, newest first (as {@link ExecutionHistory#latest})
	 */
	public List<ExecutionSummary> recent(int count) {
		return history.latest(count);
	}

	/**
	 * @param executionId an execution of the embedding job
	 * @return where the vectors it wrote came from, as its steps saved it at their last commit
	 */
	public VectorSources vectorSources(long executionId) {
		JobExecution execution = findExecution(executionId);
		return (execution != null) ? VectorSources.of(execution) : VectorSources.NONE;
	}

	/**
	 * @param execution an ended execution
	 * @return the events it embedded and wrote
	 */
	public static long eventsWritten(JobExecution execution) {
		return execution.getStepExecutions().stream().mapToLong(StepExecution::getWriteCount).sum();
	}

}
