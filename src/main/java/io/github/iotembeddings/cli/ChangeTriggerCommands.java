package io.github.iotembeddings.cli;

import java.io.PrintStream;

import io.github.iotembeddings.changes.ChangeNotifications;
import io.github.iotembeddings.schema.DatabasePreflight;

import org.springframework.stereotype.Component;

/**
 * {@code install-trigger} and {@code remove-trigger}: the opt-in change trigger on public.iot_events
 * that lets {@code schedule} sync within a second of an insert.
 */
@Component
class ChangeTriggerCommands implements CommandHandler<Commands.ChangeTrigger> {

	private final DatabasePreflight preflight;

	private final ChangeNotifications changeNotifications;

	ChangeTriggerCommands(DatabasePreflight preflight, ChangeNotifications changeNotifications) {
		this.preflight = preflight;
		this.changeNotifications = changeNotifications;
	}

	@Override
	public int run(Commands.ChangeTrigger command, PrintStream out) {
		preflight.requireEventsTable();
		if (command instanceof Commands.InstallTrigger) {
			changeNotifications.install();
			out.println("install-trigger: public.iot_events now notifies channel " + ChangeNotifications.CHANNEL
					+ " after each insert or update statement; `schedule` syncs on it");
		}
		else {
			changeNotifications.remove();
			out.println("remove-trigger: the change trigger is gone; `schedule` syncs on its cron schedule only");
		}
		return ExitCodes.DONE;
	}

}
