package io.github.iotembeddings.cli;

import java.io.PrintStream;

import io.github.iotembeddings.schema.DatabasePreflight;
import io.github.iotembeddings.schema.RuntimeGrants;

import org.springframework.stereotype.Component;

/** {@code grants --role=NAME}: prints the least-privilege SQL for the role the runtime commands use. */
@Component
class GrantsCommand implements CommandHandler<Commands.Grants> {

	private final DatabasePreflight preflight;

	private final RuntimeGrants grants;

	GrantsCommand(DatabasePreflight preflight, RuntimeGrants grants) {
		this.preflight = preflight;
		this.grants = grants;
	}

	@Override
	public int run(Commands.Grants command, PrintStream out) {
		preflight.requireReady();
		grants.sql(command.role).forEach(out::println);
		return ExitCodes.DONE;
	}

}
