package io.github.iotembeddings.cli;

import java.io.PrintStream;
import java.util.Locale;

import io.github.iotembeddings.demo.DemoSeeder;
import io.github.iotembeddings.schema.DatabasePreflight;

import org.springframework.stereotype.Component;

/** {@code demo-seed --events=N}: the demo table and N generated events. */
@Component
class DemoSeedCommand implements CommandHandler {

	private final DatabasePreflight preflight;

	private final DemoSeeder seeder;

	DemoSeedCommand(DatabasePreflight preflight, DemoSeeder seeder) {
		this.preflight = preflight;
		this.seeder = seeder;
	}

	@Override
	public boolean handles(Command command) {
		return command == Command.DEMO_SEED;
	}

	@Override
	public int run(CommandLine line, PrintStream out) {
		int events = (int) line.requiredLongOption("events", 0, 10_000_000);
		preflight.requireConnection();
		long total = seeder.seed(events);
		out.printf(Locale.ROOT, "demo-seed: inserted %,d events; public.iot_events now holds %,d%n", events, total);
		return ExitCodes.DONE;
	}

}
