package io.github.iotembeddings.cli;

import java.io.PrintStream;
import java.util.List;

import io.github.iotembeddings.schema.DatabasePreflight;
import io.github.iotembeddings.sync.ChangeTriggers;
import picocli.CommandLine.Command;

import org.springframework.context.ApplicationContext;

@Command(name = "install-trigger",
		description = "opt in: triggers on iot_events wake schedule within a second of an insert and queue events"
				+ " whose text an update changed")
final class InstallTriggerCommand extends ParsedCommand {

	@Override
	int run(ApplicationContext context, PrintStream out) {
		context.getBean(DatabasePreflight.class).requireReady();
		List<String> columns = context.getBean(ChangeTriggers.class).install();
		out.println("install-trigger: public.iot_events now notifies channel " + ChangeTriggers.CHANNEL
				+ " after each insert or update statement (`schedule` syncs on it), and "
				+ (columns.isEmpty() ? "captures no update: the text expression reads no column"
						: "queues the id of every event whose " + String.join(", ", columns)
								+ " an update changes (the next sync re-embeds it)"));
		return ExitCodes.DONE;
	}

}
