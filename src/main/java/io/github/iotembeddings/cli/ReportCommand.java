package io.github.iotembeddings.cli;

import java.io.PrintStream;

import io.github.iotembeddings.report.Reports;
import io.github.iotembeddings.schema.DatabasePreflight;

import org.springframework.stereotype.Component;

/** {@code report}: rewrites the table and run reports from the database and the Batch metadata. */
@Component
class ReportCommand implements CommandHandler {

	private final DatabasePreflight preflight;

	private final Reports reports;

	ReportCommand(DatabasePreflight preflight, Reports reports) {
		this.preflight = preflight;
		this.reports = reports;
	}

	@Override
	public boolean handles(Command command) {
		return command == Command.REPORT;
	}

	@Override
	public int run(CommandLine line, PrintStream out) {
		preflight.requireReady();
		out.println("report: wrote " + reports.write());
		return ExitCodes.DONE;
	}

}
