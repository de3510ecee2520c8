package io.github.iotembeddings.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import io.github.iotembeddings.report.SyncReports;
import io.github.iotembeddings.validate.SyncCheck;
import io.github.iotembeddings.schema.DatabasePreflight;

import org.springframework.stereotype.Component;

/**
 * {@code sync-test}: inserts marked events and waits for the running scheduler (or CronJob) to embed
 * them; writes emb_sync_test.json and emb_sync_schedule.md. Exit 1 when an event was not embedded in
 * time.
 */
@Component
class SyncTestCommand implements CommandHandler<Commands.SyncTest> {

	private final DatabasePreflight preflight;

	private final SyncCheck syncCheck;

	private final SyncReports reports;

	SyncTestCommand(DatabasePreflight preflight, SyncCheck syncCheck, SyncReports reports) {
		this.preflight = preflight;
		this.syncCheck = syncCheck;
		this.reports = reports;
	}

	@Override
	public int run(Commands.SyncTest command, PrintStream out) throws Exception {
		preflight.requireReady();
		Duration timeout = Duration.ofSeconds(command.timeoutSeconds);
		List<SyncCheck.Sample> samples = syncCheck.run(command.samples, timeout);
		List<Path> written = reports.write(samples);
		long embedded = samples.stream().filter(SyncCheck.Sample::embedded).count();
		SyncReports.Latency latency = SyncReports.Latency.of(samples);
		out.printf(Locale.ROOT, "sync-test: %d of %d inserted events embedded%s; wrote %s%n", embedded, samples.size(),
				(latency.p50() == null) ? ""
						: String.format(Locale.ROOT, ", latency p50 %d ms, p95 %d ms, max %d ms", latency.p50(),
								latency.p95(), latency.max()),
				written);
		if (embedded < samples.size()) {
			throw new JobFailedException("sync-test: " + (samples.size() - embedded) + " event(s) not embedded within "
					+ timeout.toSeconds() + " s: is a scheduler (schedule, or the sync CronJob) running against this database?");
		}
		return ExitCodes.DONE;
	}

}
