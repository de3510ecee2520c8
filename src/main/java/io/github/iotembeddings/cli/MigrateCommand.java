package io.github.iotembeddings.cli;

import java.io.PrintStream;

import io.github.iotembeddings.config.ConnectionSettings;
import io.github.iotembeddings.events.EventTextFunction;
import io.github.iotembeddings.schema.SchemaMigrator;
import io.github.iotembeddings.search.KeywordFill;
import picocli.CommandLine.Command;

import org.springframework.context.ApplicationContext;

@Command(name = "migrate", description = "apply the Liquibase changelog (idempotent)")
final class MigrateCommand extends ParsedCommand {

	@Override
	int run(ApplicationContext context, PrintStream out) throws Exception {
		SchemaMigrator.MigrationResult result = context.getBean(SchemaMigrator.class).migrate();
		// The owner installs the text expression, so roles that may not create functions can run the job.
		context.getBean(EventTextFunction.class).ensureInstalled();
		out.printf("migrate: %d changesets applied, %d already applied, on %s%n", result.applied(),
				result.alreadyApplied(), context.getBean(ConnectionSettings.class).describe());
		// Not run here: at millions of rows it writes every row for minutes (docs/SCALING.md), which an operator
		// should schedule, while migrate stays a short step of a deployment.
		if (context.getBean(KeywordFill.class).pending()) {
			out.println("migrate: embeddings written before keyword search existed have no keywords yet, so keyword"
					+ " and hybrid search miss them: run keyword-index (in slices, resumable; docs/SCALING.md has its rate)");
		}
		return ExitCodes.DONE;
	}

}
