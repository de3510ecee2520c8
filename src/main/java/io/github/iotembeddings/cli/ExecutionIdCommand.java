package io.github.iotembeddings.cli;

import picocli.CommandLine.Parameters;

/** Restart, stop and abandon: about one execution. */
abstract class ExecutionIdCommand extends ParsedCommand {

	@Parameters(paramLabel = "EXECUTION_ID", description = "the run's id, as executions lists it")
	@Range(min = 1, max = Long.MAX_VALUE)
	long executionId;

}
