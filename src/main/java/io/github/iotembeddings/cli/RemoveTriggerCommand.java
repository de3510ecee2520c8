package io.github.iotembeddings.cli;

import java.io.PrintStream;

import io.github.iotembeddings.schema.DatabasePreflight;
import io.github.iotembeddings.sync.ChangeTriggers;
import picocli.CommandLine.Command;

import org.springframework.context.ApplicationContext;

@Command(name = "remove-trigger", description = "remove the triggers that install-trigger added")
final class RemoveTriggerCommand extends ParsedCommand {

	@Override
	int run(ApplicationContext context, PrintStream out) {
		context.getBean(DatabasePreflight.class).requireEventsTable();
		context.getBean(ChangeTriggers.class).remove();
		out.println("remove-trigger: the change triggers are gone; `schedule` syncs on its cron schedule only, and"
				+ " changed texts are found by the full check (reconcile)");
		return ExitCodes.DONE;
	}

}
