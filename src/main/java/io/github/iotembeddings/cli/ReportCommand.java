package io.github.iotembeddings.cli;

import java.io.PrintStream;

import io.github.iotembeddings.report.Reports;
import io.github.iotembeddings.schema.DatabasePreflight;
import picocli.CommandLine.Command;

import org.springframework.context.ApplicationContext;

@Command(name = "report", description = "(re)write the _reports/ files from the tables and the Batch metadata")
final class ReportCommand extends ParsedCommand {

	@Override
	int run(ApplicationContext context, PrintStream out) {
		context.getBean(DatabasePreflight.class).requireReady();
		out.println("report: wrote " + context.getBean(Reports.class).write());
		return ExitCodes.DONE;
	}

}
