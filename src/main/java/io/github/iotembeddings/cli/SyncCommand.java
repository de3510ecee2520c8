package io.github.iotembeddings.cli;

import java.io.PrintStream;

import io.github.iotembeddings.events.Partition;
import io.github.iotembeddings.run.PassRequest;
import picocli.CommandLine.Command;

import org.springframework.context.ApplicationContext;

@Command(name = "sync", description = "embed new events (above the last sync's watermark), queued changes and due"
		+ " retries, then exit; with nothing to do it launches no run")
final class SyncCommand extends PartitionedCommand {

	@Override
	int run(ApplicationContext context, PrintStream out) throws Exception {
		return PassReport.run(context, PassRequest.sync(context.getBean(Partition.class)), out);
	}

}
