package io.github.iotembeddings.cli;

import java.nio.file.Path;
import java.util.List;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The benchmarks' command line, the entry point of the jar that {@code ./mvnw -Pbench package} builds
 * (target/bench-build/iot-embeddings-bench.jar: the product with src/bench and langchain4j's embedder, which
 * the product jar does not hold). It parses, connects, starts the application and reports outcomes as
 * the product's {@link Cli} does, for its one command.
 */
@Command(name = "iot-embeddings-bench", customSynopsis = "iot-embeddings-bench bench [--option=value ...]",
		description = "Benchmarks of iot-embeddings on the events in the database.",
		commandListHeading = "%nCommands:%n", footerHeading = "%n",
		footer = { "COMMAND --help lists the options of COMMAND.",
				"Connection: DATABASE_URL (jdbc:postgresql://... or",
				"  postgresql://user:pass@host:port/db), DATABASE_USER, DATABASE_PASSWORD;",
				"  a .env file in the working directory is read.",
				"Exit codes: 0 done, 1 failed, 2 usage or configuration error." },
		subcommands = { BenchCli.Bench.class, HelpCommand.class })
public final class BenchCli {

	@Mixin
	HelpOption help = new HelpOption();

	public static void main(String[] args) {
		System.exit(Cli.run(Commands.commandLine(new BenchCli()), args, System.getenv(), Path.of("").toAbsolutePath(),
				System.out, System.err));
	}

	@Command(name = "bench", description = "side by side on the newest events' texts: this tool's embedder at"
			+ " several chunk sizes, langchain4j's, a bare ONNX Runtime session, int8; the upsert path alone")
	static final class Bench extends ParsedCommand {

		@Option(names = "--texts", paramLabel = "N", defaultValue = "2048",
				description = "how many texts (default ${DEFAULT-VALUE})")
		@Range(min = 1, max = 1_000_000)
		int texts;

		@Option(names = "--models", paramLabel = "DIR,...", split = ",",
				description = "instead: only this tool's embedder, for each model (\"default\" for the bundled one),"
						+ " passes interleaved so that every model sees the same machine load")
		@Nullable List<String> models;

	}

}
