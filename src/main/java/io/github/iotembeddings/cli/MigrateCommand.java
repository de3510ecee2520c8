package io.github.iotembeddings.cli;

import java.io.PrintStream;

import io.github.iotembeddings.config.ConnectionSettings;
import io.github.iotembeddings.events.EventTextFunction;
import io.github.iotembeddings.schema.SchemaMigrator;
import io.github.iotembeddings.search.KeywordFill;

import org.springframework.stereotype.Component;

/** {@code migrate}: applies the changelog and says what changed. */
@Component
class MigrateCommand implements CommandHandler<Commands.Migrate> {

	private final SchemaMigrator migrator;

	private final ConnectionSettings connection;

	private final EventTextFunction eventTextFunction;

	private final KeywordFill keywordFill;

	MigrateCommand(SchemaMigrator migrator, ConnectionSettings connection, EventTextFunction eventTextFunction,
			KeywordFill keywordFill) {
		this.keywordFill = keywordFill;
		this.migrator = migrator;
		this.connection = connection;
		this.eventTextFunction = eventTextFunction;
	}

	@Override
	public int run(Commands.Migrate command, PrintStream out) throws Exception {
		SchemaMigrator.MigrationResult result = migrator.migrate();
		// The owner installs the text expression, so roles that may not create functions can run the job.
		eventTextFunction.ensureInstalled();
		out.printf("migrate: %d changesets applied, %d already applied, on %s%n", result.applied(),
				result.alreadyApplied(), connection.describe());
		// Not run here: at millions of rows it writes every row for minutes (docs/SCALING.md), which an operator
		// should schedule, while migrate stays a short step of a deployment.
		if (keywordFill.pending()) {
			out.println("migrate: embeddings written before keyword search existed have no keywords yet, so keyword"
					+ " and hybrid search miss them: run keyword-index (in slices, resumable; docs/SCALING.md has its rate)");
		}
		return ExitCodes.DONE;
	}

}
