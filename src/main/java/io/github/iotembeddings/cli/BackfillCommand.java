package io.github.iotembeddings.cli;

import java.io.PrintStream;

import io.github.iotembeddings.events.Partition;
import io.github.iotembeddings.run.PassRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.springframework.context.ApplicationContext;

@Command(name = "backfill",
		description = "embed the N newest events with no embedding by the current model, newest first")
final class BackfillCommand extends PartitionedCommand {

	@Option(names = "--limit", required = true, paramLabel = "N", description = "how many events to embed")
	@Range(min = 1, max = Integer.MAX_VALUE)
	long limit;

	@Override
	int run(ApplicationContext context, PrintStream out) throws Exception {
		return PassReport.run(context, PassRequest.backfill(limit, context.getBean(Partition.class)), out);
	}

}
