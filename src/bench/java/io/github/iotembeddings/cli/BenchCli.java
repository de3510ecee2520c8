package io.github.iotembeddings.cli;

import java.nio.file.Path;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;

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
		subcommands = { BenchCommand.class, HelpCommand.class })
public final class BenchCli {

	@Mixin
	HelpOption help = new HelpOption();

	public static void main(String[] args) {
		System.exit(Cli.run(Commands.commandLine(new BenchCli()), args, System.getenv(), Path.of("").toAbsolutePath(),
				System.out, System.err));
	}

}
