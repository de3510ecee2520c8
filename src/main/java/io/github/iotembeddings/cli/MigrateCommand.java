package io.github.iotembeddings.cli;

import java.io.PrintStream;

import io.github.iotembeddings.config.ConnectionSettings;
import io.github.iotembeddings.events.EventTextFunction;
import io.github.iotembeddings.schema.SchemaMigrator;

import org.springframework.stereotype.Component;

/** {@code migrate}: applies the changelog and says what changed. */
@Component
class MigrateCommand implements CommandHandler<Commands.Migrate> {

	private final SchemaMigrator migrator;

	private final ConnectionSettings connection;

	private final EventTextFunction eventTextFunction;

	MigrateCommand(SchemaMigrator migrator, ConnectionSettings connection, EventTextFunction eventTextFunction) {
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
		return ExitCodes.DONE;
	}

}
