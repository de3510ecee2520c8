package io.github.iotembeddings.cli;

import java.io.PrintStream;
import java.util.Locale;

import io.github.iotembeddings.events.Partition;
import io.github.iotembeddings.job.EmbeddingJob;
import io.github.iotembeddings.model.ModelIdentity;
import io.github.iotembeddings.run.EmbeddingPasses;
import io.github.iotembeddings.run.PassRequest;
import io.github.iotembeddings.run.PassResult;
import io.github.iotembeddings.sync.Backlog;
import io.github.iotembeddings.sync.BacklogQuery;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.ApplicationContext;

/**
 * What {@code backfill}, {@code sync}, {@code reconcile} and {@code restart} share: one embedding pass
 * ({@link EmbeddingPasses}), then what it did and the backlog it leaves, from the figures a sync reads anyway
 * (the watermark, the pending work, the errors list) and the planner's estimates: a CronJob's sync costs what
 * changed, down to its last line. Exact counts are for {@code status --exact} and {@code validate}.
 */
final class PassReport {

	private PassReport() {
	}

	/**
	 * @param request the pass the command asks for
	 * @return the exit code
	 * @throws JobFailedException when the pass failed
	 */
	static int run(ApplicationContext context, PassRequest request, PrintStream out) throws Exception {
		EmbeddingPasses passes = context.getBean(EmbeddingPasses.class);
		Partition partition = context.getBean(Partition.class);
		// Start-up is not the pass's cost: the times printed leave it out (the model loads in the pass, when
		// there is something to embed).
		ModelIdentity model = passes.prepare();
		long started = System.nanoTime();
		PassResult result = passes.run(request);
		long passMillis = (System.nanoTime() - started) / 1_000_000;
		String mode = request.mode().recordedAs();
		switch (result.outcome()) {
			case BUSY -> out.println(mode + ": another embedding run over "
					+ (partition.isWhole() ? "these events" : "partition " + partition)
					+ " is in progress on this database and embeds what is pending; nothing to do");
			case NOTHING_TO_DO -> out.printf(Locale.ROOT, "%s: nothing to do (no new events, no queued changes, no retries"
					+ " due); no run launched; pass %d ms%n", mode, passMillis);
			case RAN -> {
				return report(result, model, passMillis, context.getBean(BacklogQuery.class), out);
			}
			case FAILED -> throw new JobFailedException(result.failure());
		}
		return ExitCodes.DONE;
	}

	private static int report(PassResult result, ModelIdentity model, long passMillis, BacklogQuery backlogQuery,
			PrintStream out) {
		JobExecution execution = result.ran().orElseThrow();
		long written = result.eventsWritten();
		double seconds = Math.max(result.duration().toMillis(), 1) / 1000.0;
		out.printf(Locale.ROOT, "%s: execution %d %s, %,d events embedded in %.1f s (%.0f events/s) with %s in chunks of %s,"
				+ " %,d skipped; vectors: %s; pass %d ms%n", result.name(), execution.getId(), execution.getStatus(), written,
				seconds, written / seconds, execution.getJobParameters().getString(EmbeddingJob.MODEL),
				execution.getJobParameters().getLong(EmbeddingJob.CHUNK_SIZE), result.eventsSkipped(),
				result.vectorSources().describe(), passMillis);
		Backlog backlog = backlogQuery.measure(model.id());
		out.printf(Locale.ROOT, "backlog: %,d pending (%,d new, %,d queued changes, %,d retries due), %,d in the errors"
				+ " list; about %,d events, about %,d embedded (planner estimates; exact: status --exact)%n",
				backlog.pending().total(), backlog.pending().unembedded(), backlog.pending().queued(),
				backlog.pending().retryDue(), backlog.failing(), backlog.events(), backlog.embedded());
		if (result.completed()) {
			return ExitCodes.DONE;
		}
		throw new JobFailedException(result.failure());
	}

}
