package io.github.iotembeddings.cli;

import java.io.PrintStream;

import io.github.iotembeddings.run.PassRequest;
import picocli.CommandLine.Command;

import org.springframework.context.ApplicationContext;

@Command(name = "restart", description = "resume a failed or stopped run (or one whose process died) after its"
		+ " last committed chunk")
final class RestartCommand extends ExecutionIdCommand {

	@Override
	int run(ApplicationContext context, PrintStream out) throws Exception {
		return PassReport.run(context, PassRequest.restart(executionId), out);
	}

}
