package io.github.iotembeddings.cli;

import java.io.PrintStream;

import io.github.iotembeddings.executions.ExecutionControl;
import io.github.iotembeddings.schema.DatabasePreflight;
import picocli.CommandLine.Command;

import org.springframework.context.ApplicationContext;

/**
 * The same {@link ExecutionControl} the console uses. An unknown id, or a state that forbids the change, is a
 * usage error (exit code 2) with one line saying why.
 */
@Command(name = "stop", description = "ask a running run, in any process, to stop after its current chunk; it"
		+ " ends STOPPED and restart resumes it")
final class StopCommand extends ExecutionIdCommand {

	@Override
	int run(ApplicationContext context, PrintStream out) {
		context.getBean(DatabasePreflight.class).requireMigratedSchema();
		context.getBean(ExecutionControl.class).stop(executionId);
		out.println("execution " + executionId + " stops after its current chunk commits; `restart " + executionId
				+ "` resumes it");
		return ExitCodes.DONE;
	}

}
