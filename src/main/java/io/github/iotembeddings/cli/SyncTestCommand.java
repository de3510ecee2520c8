package io.github.iotembeddings.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import io.github.iotembeddings.report.SyncReports;
import io.github.iotembeddings.schema.DatabasePreflight;
import io.github.iotembeddings.validate.SyncCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.springframework.context.ApplicationContext;

/**
 * Inserts marked events and waits for the running scheduler (or CronJob) to embed them; writes
 * emb_sync_test.json and emb_sync_schedule.md. Exit 1 when an event was not embedded in time.
 */
@Command(name = "sync-test", description = "insert marked events, time how fast the running scheduler embeds"
		+ " them, write the sync reports")
final class SyncTestCommand extends ParsedCommand {

	@Option(names = "--samples", paramLabel = "N", defaultValue = "1",
			description = "events to insert, one at a time (default ${DEFAULT-VALUE})")
	@Range(min = 1, max = 1_000)
	int samples;

	@Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "150",
			description = "how long to wait for each (default ${DEFAULT-VALUE}: two minute-periods and a half)")
	@Range(min = 1, max = 3_600)
	long timeoutSeconds;

	@Override
	int run(ApplicationContext context, PrintStream out) throws Exception {
		context.getBean(DatabasePreflight.class).requireReady();
		Duration timeout = Duration.ofSeconds(timeoutSeconds);
		List<SyncCheck.Sample> taken = context.getBean(SyncCheck.class).run(samples, timeout);
		List<Path> written = context.getBean(SyncReports.class).write(taken);
		long embedded = taken.stream().filter(SyncCheck.Sample::embedded).count();
		SyncReports.Latency latency = SyncReports.Latency.of(taken);
		out.printf(Locale.ROOT, "sync-test: %d of %d inserted events embedded%s; wrote %s%n", embedded, taken.size(),
				(latency.p50() == null) ? ""
						: String.format(Locale.ROOT, ", latency p50 %d ms, p95 %d ms, max %d ms", latency.p50(),
								latency.p95(), latency.max()),
				written);
		if (embedded < taken.size()) {
			throw new JobFailedException("sync-test: " + (taken.size() - embedded) + " event(s) not embedded within "
					+ timeout.toSeconds() + " s: is a scheduler (schedule, or the sync CronJob) running against this database?");
		}
		return ExitCodes.DONE;
	}

}
