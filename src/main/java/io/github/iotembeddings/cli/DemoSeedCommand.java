package io.github.iotembeddings.cli;

import java.io.PrintStream;
import java.util.Locale;

import io.github.iotembeddings.demo.DemoSeeder;

import org.springframework.stereotype.Component;

/** {@code demo-seed --events=N}: the demo table and N generated events. */
@Component
class DemoSeedCommand implements CommandHandler<Commands.DemoSeed> {

	private final DemoSeeder seeder;

	DemoSeedCommand(DemoSeeder seeder) {
		this.seeder = seeder;
	}

	@Override
	public int run(Commands.DemoSeed command, PrintStream out) {
		int events = command.events;
		long total = seeder.seed(events, command.seed);
		out.printf(Locale.ROOT, "demo-seed: inserted %,d events; public.iot_events now holds %,d%n", events, total);
		return ExitCodes.DONE;
	}

}
