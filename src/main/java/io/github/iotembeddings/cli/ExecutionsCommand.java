package io.github.iotembeddings.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import io.github.iotembeddings.executions.ExecutionHistory;
import io.github.iotembeddings.executions.ExecutionSummary;
import io.github.iotembeddings.schema.DatabasePreflight;

import org.springframework.stereotype.Component;

/** {@code executions}: the latest runs from the Batch metadata, newest first. */
@Component
class ExecutionsCommand implements CommandHandler<Commands.Executions> {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private final DatabasePreflight preflight;

	private final ExecutionHistory history;

	ExecutionsCommand(DatabasePreflight preflight, ExecutionHistory history) {
		this.preflight = preflight;
		this.history = history;
	}

	@Override
	public int run(Commands.Executions command, PrintStream out) {
		preflight.requireMigratedSchema();
		List<ExecutionSummary> executions = history.latest(command.limit);
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
