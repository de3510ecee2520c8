package io.github.iotembeddings.cli;

import java.io.PrintStream;
import java.util.Locale;

import io.github.iotembeddings.demo.DemoSeeder;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.springframework.context.ApplicationContext;

@Command(name = "demo-seed",
		description = "create the demo iot_events table if absent and insert N realistic events")
final class DemoSeedCommand extends ParsedCommand {

	@Option(names = "--events", required = true, paramLabel = "N", description = "how many events to insert")
	@Range(min = 0, max = 10_000_000)
	int events;

	@Option(names = "--seed", paramLabel = "N",
			description = "the random generator's seed, for the same devices, types and payloads on every run"
					+ " (benchmarks); default: a new one each time")
	@Nullable Long seed;

	@Override
	int run(ApplicationContext context, PrintStream out) {
		long total = context.getBean(DemoSeeder.class).seed(events, seed);
		out.printf(Locale.ROOT, "demo-seed: inserted %,d events; public.iot_events now holds %,d%n", events, total);
		return ExitCodes.DONE;
	}

}
