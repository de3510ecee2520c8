package io.github.iotembeddings.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

import io.github.iotembeddings.job.EmbeddingErrors;
import io.github.iotembeddings.schema.DatabasePreflight;

import org.springframework.stereotype.Component;

/**
 * {@code errors}: the events the job skipped, why, and when they are tried again; with {@code --retry},
 * makes every one of them due at the next run.
 */
@Component
class ErrorsCommand implements CommandHandler<Commands.Errors> {

	private final DatabasePreflight preflight;

	private final EmbeddingErrors errors;

	ErrorsCommand(DatabasePreflight preflight, EmbeddingErrors errors) {
		this.preflight = preflight;
		this.errors = errors;
	}

	@Override
	public int run(Commands.Errors command, PrintStream out) {
		preflight.requireMigratedSchema();
		if (command.retry) {
			int due = errors.retryNow(null);
			out.println((due == 0) ? "no errors: nothing to retry"
					: due + " failed events will be retried at the next run (sync, or the schedule's next one)");
			return ExitCodes.DONE;
		}
		List<EmbeddingErrors.ErrorEntry> entries = errors.recent(command.limit);
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
