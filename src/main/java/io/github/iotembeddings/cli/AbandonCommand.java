package io.github.iotembeddings.cli;

import java.io.PrintStream;

import io.github.iotembeddings.executions.ExecutionControl;
import io.github.iotembeddings.schema.DatabasePreflight;
import picocli.CommandLine.Command;

import org.springframework.context.ApplicationContext;

/** Like {@link StopCommand}: the console's {@link ExecutionControl}; a change it forbids is a usage error. */
@Command(name = "abandon", description = "give up a failed or stopped run (or one whose process died) for good;"
		+ " the next sync embeds what it left")
final class AbandonCommand extends ExecutionIdCommand {

	@Override
	int run(ApplicationContext context, PrintStream out) {
		context.getBean(DatabasePreflight.class).requireMigratedSchema();
		context.getBean(ExecutionControl.class).abandon(executionId);
		out.println("execution " + executionId + " abandoned: it will not be resumed; the next sync embeds the events"
				+ " it left");
		return ExitCodes.DONE;
	}

}
