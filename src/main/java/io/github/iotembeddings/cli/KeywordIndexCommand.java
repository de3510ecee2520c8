package io.github.iotembeddings.cli;

import java.io.PrintStream;
import java.util.Locale;

import io.github.iotembeddings.schema.DatabasePreflight;
import io.github.iotembeddings.search.KeywordFill;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.springframework.context.ApplicationContext;

/** Resumable, with progress: it may be stopped at any moment and run again. */
@Command(name = "keyword-index", description = "give the embeddings written before keyword search existed their"
		+ " keywords: in slices, newest first, with progress; stop it at any moment, run it again to go on")
final class KeywordIndexCommand extends ParsedCommand {

	@Option(names = "--slice", paramLabel = "IDS", defaultValue = "10000",
			description = "event ids per slice, one short transaction each (default ${DEFAULT-VALUE})")
	@Range(min = 100, max = 1_000_000)
	long slice;

	@Option(names = "--max-slices", paramLabel = "N", defaultValue = "9223372036854775807",
			description = "stop after N slices (the next run goes on from there); default: all of them")
	@Range(min = 1, max = Long.MAX_VALUE)
	long maxSlices;

	@Option(names = "--refill", arity = "1", paramLabel = "true|false",
			description = "compute every row's keywords again, e.g. after a change of the text search configuration")
	boolean refill;

	@Override
	int run(ApplicationContext context, PrintStream out) {
		context.getBean(DatabasePreflight.class).requireReady();
		KeywordFill fill = context.getBean(KeywordFill.class);
		if (refill) {
			fill.requestRefill();
		}
		else if (!fill.pending()) {
			out.println("keyword-index: every embedding has its keywords; nothing to do");
			return ExitCodes.DONE;
		}
		KeywordFill.Result result = fill.run(slice, maxSlices, line -> {
			out.println(line);
			out.flush();
		});
		out.printf(Locale.ROOT, "keyword-index: %,d rows filled in %,d slices, %.1f s (%,.0f rows/s); %s%n", result.filled(),
				result.slices(), result.seconds(), result.filled() / Math.max(result.seconds(), 1e-3),
				result.finished() ? "done: every embedding has its keywords"
						: "stopped after --max-slices: run keyword-index again to go on from there");
		return ExitCodes.DONE;
	}

}
