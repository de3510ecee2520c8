package io.github.iotembeddings.cli;

import picocli.CommandLine.Option;

/** Errors and executions: lists, newest first. */
abstract class ListingCommand extends ParsedCommand {

	@Option(names = "--limit", paramLabel = "N", defaultValue = "20",
			description = "how many to list (default ${DEFAULT-VALUE})")
	@Range(min = 1, max = 10_000)
	int limit;

}
