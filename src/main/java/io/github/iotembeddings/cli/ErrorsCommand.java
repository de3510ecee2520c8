package io.github.iotembeddings.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

import io.github.iotembeddings.job.EmbeddingErrors;
import io.github.iotembeddings.schema.DatabasePreflight;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.springframework.context.ApplicationContext;

@Command(name = "errors", description = "list events that could not be embedded: why, attempts, next retry;"
		+ " --retry makes all of them due at the next run, with their attempts counted afresh")
final class ErrorsCommand extends ListingCommand {

	// An action, not a setting: given alone, as the console's button does it.
	@Option(names = "--retry", arity = "0..1", paramLabel = "true|false",
			description = "retry every failed event at the next run, out of attempts or not; prints how many")
	boolean retry;

	@Override
	int run(ApplicationContext context, PrintStream out) {
		context.getBean(DatabasePreflight.class).requireMigratedSchema();
		EmbeddingErrors errors = context.getBean(EmbeddingErrors.class);
		if (retry) {
			int due = errors.retryNow(null);
			out.println((due == 0) ? "no errors: nothing to retry"
					: due + " failed events will be retried at the next run (sync, or the schedule's next one)");
			return ExitCodes.DONE;
		}
		List<EmbeddingErrors.ErrorEntry> entries = errors.recent(limit);
		if (entries.isEmpty()) {
			out.println("no errors: every event read so far was embedded");
			return ExitCodes.DONE;
		}
		String format = "%-20s %-22s %8s  %-24s  %s%n";
		out.printf(Locale.ROOT, format, "EVENT", "ERROR", "ATTEMPTS", "NEXT ATTEMPT", "MESSAGE");
		for (EmbeddingErrors.ErrorEntry entry : entries) {
			String message = entry.message().replace('\n', ' ');
			out.printf(Locale.ROOT, format, entry.eventId(), entry.errorClass(), entry.attempts(),
					entry.givenUp() ? "none (out of attempts)" : entry.nextAttemptAt().toString(),
					Columns.abbreviate(message, 120));
		}
		return ExitCodes.DONE;
	}

}
