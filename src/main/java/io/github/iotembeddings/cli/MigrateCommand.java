package io.github.iotembeddings.cli;

import java.io.PrintStream;

import io.github.iotembeddings.config.ConnectionSettings;
import io.github.iotembeddings.schema.SchemaMigrator;

import org.springframework.stereotype.Component;

/** {@code migrate}: applies the changelog and says what changed. */
@Component
class MigrateCommand implements CommandHandler {

	private final SchemaMigrator migrator;

	private final ConnectionSettings connection;

	MigrateCommand(SchemaMigrator migrator, ConnectionSettings connection) {
		this.migrator = migrator;
		this.connection = connection;
	}

	@Override
	public boolean handles(Command command) {
		return command == Command.MIGRATE;
	}

	@Override
	public int run(CommandLine line, PrintStream out) throws Exception {
		SchemaMigrator.MigrationResult result = migrator.migrate();
		out.printf("migrate: %d changesets applied, %d already applied, on %s%n", result.applied(),
				result.alreadyApplied(), connection.describe());
		return ExitCodes.DONE;
	}

}
