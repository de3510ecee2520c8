package io.github.iotembeddings.cli;

import java.io.PrintStream;
import java.util.Locale;

import io.github.iotembeddings.demo.DemoSeeder;

import org.springframework.stereotype.Component;

/** {@code demo-seed --events=N}: the demo table and N generated events. */
@Component
class DemoSeedCommand implements CommandHandler {

	private final DemoSeeder seeder;

	DemoSeedCommand(DemoSeeder seeder) {
		this.seeder = seeder;
	}

	@Override
	public boolean handles(Command command) {
		return command == Command.DEMO_SEED;
	}

	@Override
	public int run(CommandLine line, PrintStream out) {
		int events = line.demoEvents();
		long total = seeder.seed(events);
		out.printf(Locale.ROOT, "demo-seed: inserted %,d events; public.iot_events now holds %,d%n", events, total);
		return ExitCodes.DONE;
	}

}
