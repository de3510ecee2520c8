package io.github.iotembeddings.cli;

import java.io.PrintStream;

import io.github.iotembeddings.events.Partition;
import io.github.iotembeddings.run.PassRequest;
import picocli.CommandLine.Command;

import org.springframework.context.ApplicationContext;

@Command(name = "reconcile", description = "full check: every event's text hash and model against its embedding,"
		+ " missing rows, orphans; queues what it finds, then syncs (schedule runs it nightly)")
final class ReconcileCommand extends PartitionedCommand {

	@Override
	int run(ApplicationContext context, PrintStream out) throws Exception {
		return PassReport.run(context, PassRequest.reconcile(context.getBean(Partition.class), true), out);
	}

}
