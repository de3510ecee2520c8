package io.github.iotembeddings.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import io.github.iotembeddings.executions.ExecutionHistory;
import io.github.iotembeddings.executions.ExecutionSummary;
import io.github.iotembeddings.schema.DatabasePreflight;
import picocli.CommandLine.Command;

import org.springframework.context.ApplicationContext;

/** The latest runs from the Batch metadata, newest first. */
@Command(name = "executions", description = "list recent job executions with status, counts, durations")
final class ExecutionsCommand extends ListingCommand {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	@Override
	int run(ApplicationContext context, PrintStream out) {
		context.getBean(DatabasePreflight.class).requireMigratedSchema();
		List<ExecutionSummary> executions = context.getBean(ExecutionHistory.class).latest(limit);
		if (executions.isEmpty()) {
			out.println("no executions yet");
			return ExitCodes.DONE;
		}
		String format = "%-6s %-10s %-9s %9s %6s %9s %9s %8s  %-19s %9s  %s%n";
		out.printf(Locale.ROOT, format, "ID", "STATUS", "MODE", "LIMIT", "CHUNK", "READ", "WRITTEN", "SKIPPED",
				"STARTED", "DURATION", "EXIT MESSAGE");
		for (ExecutionSummary execution : executions) {
			Duration duration = execution.duration();
			out.printf(Locale.ROOT, format, execution.id(), execution.status(), Columns.orDash(execution.mode()),
					Columns.orDash(execution.limit()), Columns.orDash(execution.chunkSize()), execution.read(), execution.written(),
					execution.skipped(), (execution.startTime() != null) ? TIME.format(execution.startTime()) : "-",
					(duration != null) ? String.format(Locale.ROOT, "%.1fs", duration.toMillis() / 1000.0) : "-",
					Columns.abbreviate(execution.exitMessage(), 100));
		}
		return ExitCodes.DONE;
	}

}
