package io.github.iotembeddings.cli;

import java.io.PrintStream;

import io.github.iotembeddings.report.Reports;
import io.github.iotembeddings.schema.DatabasePreflight;

import org.springframework.stereotype.Component;

/** {@code report}: rewrites the table and run reports from the database and the Batch metadata. */
@Component
class ReportCommand implements CommandHandler<Commands.Report> {

	private final DatabasePreflight preflight;

	private final Reports reports;

	ReportCommand(DatabasePreflight preflight, Reports reports) {
		this.preflight = preflight;
		this.reports = reports;
	}

	@Override
	public int run(Commands.Report command, PrintStream out) {
		preflight.requireReady();
		out.println("report: wrote " + reports.write());
		return ExitCodes.DONE;
	}

}
