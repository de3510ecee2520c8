package io.github.iotembeddings.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.github.iotembeddings.config.JobProperties;
import io.github.iotembeddings.job.EmbeddingJobParameters;
import io.github.iotembeddings.index.IndexLifecycle;
import io.github.iotembeddings.job.EmbeddingRuns;
import io.github.iotembeddings.job.Partition;
import io.github.iotembeddings.model.EmbeddingModel;
import io.github.iotembeddings.report.Reports;
import io.github.iotembeddings.schema.DatabasePreflight;
import io.github.iotembeddings.schema.RowParity;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * {@code backfill}, {@code sync} and {@code restart}: check the database, load and check the model, then
 * run the job and print what it did. Nothing is written before both checks pass.
 */
@Component
class JobCommands implements CommandHandler<Commands.JobRun> {

	private final DatabasePreflight preflight;

	private final ObjectProvider<EmbeddingModel> model;

	private final EmbeddingRuns runs;

	private final JobProperties jobProperties;

	private final RowParity rowParity;

	private final Reports reports;

	private final Partition partition;

	private final IndexLifecycle indexLifecycle;

	JobCommands(DatabasePreflight preflight, ObjectProvider<EmbeddingModel> model, EmbeddingRuns runs,
			JobProperties jobProperties, RowParity rowParity, Reports reports, Partition partition,
			IndexLifecycle indexLifecycle) {
		this.preflight = preflight;
		this.model = model;
		this.runs = runs;
		this.jobProperties = jobProperties;
		this.rowParity = rowParity;
		this.reports = reports;
		this.partition = partition;
		this.indexLifecycle = indexLifecycle;
	}

	@Override
	public int run(Commands.JobRun line, PrintStream out) throws Exception {
		Long restartId = (line instanceof Commands.Restart restart) ? restart.executionId : null;
		// A partition's share of a backfill: the N newest pending events spread evenly over N partitions.
		Long limit = (line instanceof Commands.Backfill backfill)
				? ceilDiv(backfill.limit, partition.count()) : null;
		preflight.requireEventsTable();
		preflight.requireMigratedSchema();
		runs.prepareTextExpression();
		EmbeddingModel embeddingModel = model.getObject();
		JobExecution execution;
		if (line instanceof Commands.Sync) {
			Optional<JobExecution> ran = runs.startUnlessRunning("sync", jobProperties.chunkSize(), embeddingModel, null,
					partition);
			if (ran.isEmpty()) {
				out.println("sync: another embedding run over " + (partition.isWhole() ? "these events" : "partition " + partition)
						+ " is in progress on this database and embeds what is pending; nothing to do");
				return ExitCodes.DONE;
			}
			execution = ran.get();
		}
		else {
			execution = (restartId != null) ? runs.restart(restartId, embeddingModel)
					: runs.start(line.name(), limit, jobProperties.chunkSize(), embeddingModel, partition);
		}
		reports.writeAfterRun();
		if (EmbeddingRuns.eventsWritten(execution) > 0) {
			indexLifecycle.maintain();
		}
		return report(line.name(), execution, out);
	}

	private static long ceilDiv(long dividend, int divisor) {
		return (dividend + divisor - 1) / divisor;
	}

	private int report(String name, JobExecution execution, PrintStream out) {
		long written = EmbeddingRuns.eventsWritten(execution);
		long skipped = execution.getStepExecutions().stream().mapToLong(StepExecution::getSkipCount).sum();
		Duration took = (execution.getStartTime() != null && execution.getEndTime() != null)
				? Duration.between(execution.getStartTime(), execution.getEndTime()) : Duration.ZERO;
		double seconds = Math.max(took.toMillis(), 1) / 1000.0;
		String partitionParameter = execution.getJobParameters().getString(EmbeddingJobParameters.PARTITION);
		if (partitionParameter != null) {
			name = name + " (partition " + partitionParameter + ")";
		}
		out.printf(Locale.ROOT, "%s: execution %d %s, %,d events embedded in %.1f s (%.0f events/s) with %s in chunks of %s,"
				+ " %,d skipped%n", name, execution.getId(), execution.getStatus(), written, seconds, written / seconds,
				execution.getJobParameters().getString(EmbeddingJobParameters.MODEL),
				execution.getJobParameters().getLong(EmbeddingJobParameters.CHUNK_SIZE), skipped);
		RowParity.Counts parity = rowParity.count();
		out.printf(Locale.ROOT, "row parity: %,d events, %,d embedded, %,d missing%n", parity.events(),
				parity.embedded(), parity.missing());
		if (execution.getStatus() == BatchStatus.COMPLETED) {
			return ExitCodes.DONE;
		}
		List<Throwable> failures = execution.getAllFailureExceptions();
		String reason = failures.isEmpty() ? execution.getExitStatus().getExitCode()
				: Failures.describe(failures.get(0));
		throw new JobFailedException(name + " execution " + execution.getId() + " " + execution.getStatus() + ": "
				+ reason + "; committed chunks are kept, resume with: restart " + execution.getId());
	}

}
