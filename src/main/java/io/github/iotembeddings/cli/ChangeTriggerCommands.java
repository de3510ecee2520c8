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
class ChangeTriggerCommands implements CommandHandler {

	private final DatabasePreflight preflight;

	private final ChangeNotifications changeNotifications;

	ChangeTriggerCommands(DatabasePreflight preflight, ChangeNotifications changeNotifications) {
		this.preflight = preflight;
		this.changeNotifications = changeNotifications;
	}

	@Override
	public boolean handles(Command command) {
		return command == Command.INSTALL_TRIGGER || command == Command.REMOVE_TRIGGER;
	}

	@Override
	public int run(CommandLine line, PrintStream out) {
		preflight.requireEventsTable();
		if (line.command() == Command.INSTALL_TRIGGER) {
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
