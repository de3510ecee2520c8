package io.github.iotembeddings.cli;

import java.io.PrintStream;
import java.util.List;

import io.github.iotembeddings.sync.ChangeTriggers;
import io.github.iotembeddings.schema.DatabasePreflight;

import org.springframework.stereotype.Component;

/**
 * {@code install-trigger} and {@code remove-trigger}: the opt-in triggers on public.iot_events that let
 * {@code schedule} sync within a second of an insert, and queue events whose text an update changed.
 */
@Component
class ChangeTriggerCommands implements CommandHandler<Commands.ChangeTrigger> {

	private final DatabasePreflight preflight;

	private final ChangeTriggers changeTriggers;

	ChangeTriggerCommands(DatabasePreflight preflight, ChangeTriggers changeTriggers) {
		this.preflight = preflight;
		this.changeTriggers = changeTriggers;
	}

	@Override
	public int run(Commands.ChangeTrigger command, PrintStream out) {
		if (command instanceof Commands.InstallTrigger) {
			preflight.requireReady();
			List<String> columns = changeTriggers.install();
			out.println("install-trigger: public.iot_events now notifies channel " + ChangeTriggers.CHANNEL
					+ " after each insert or update statement (`schedule` syncs on it), and "
					+ (columns.isEmpty() ? "captures no update: the text expression reads no column"
							: "queues the id of every event whose " + String.join(", ", columns)
									+ " an update changes (the next sync re-embeds it)"));
		}
		else {
			preflight.requireEventsTable();
			changeTriggers.remove();
			out.println("remove-trigger: the change triggers are gone; `schedule` syncs on its cron schedule only, and"
					+ " changed texts are found by the full check (reconcile)");
		}
		return ExitCodes.DONE;
	}

}
