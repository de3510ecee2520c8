package io.github.iotembeddings.cli;

import java.io.PrintStream;

import io.github.iotembeddings.executions.ExecutionControl;
import io.github.iotembeddings.schema.DatabasePreflight;

import org.springframework.stereotype.Component;

/**
 * {@code stop} and {@code abandon}: the same {@link ExecutionControl} the console uses. An unknown id, or
 * a state that forbids the change, is a usage error (exit code 2) with one line saying why.
 */
@Component
class ExecutionChangeCommands implements CommandHandler<Commands.ExecutionChange> {

	private final DatabasePreflight preflight;

	private final ExecutionControl control;

	ExecutionChangeCommands(DatabasePreflight preflight, ExecutionControl control) {
		this.preflight = preflight;
		this.control = control;
	}

	@Override
	public int run(Commands.ExecutionChange command, PrintStream out) {
		preflight.requireMigratedSchema();
		if (command instanceof Commands.Stop) {
			control.stop(command.executionId);
			out.println("execution " + command.executionId + " stops after its current chunk commits; `restart "
					+ command.executionId + "` resumes it");
		}
		else {
			control.abandon(command.executionId);
			out.println("execution " + command.executionId + " abandoned: it will not be resumed; the next sync embeds"
					+ " the events it left");
		}
		return ExitCodes.DONE;
	}

}
