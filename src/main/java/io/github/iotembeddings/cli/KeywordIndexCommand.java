package io.github.iotembeddings.cli;

import java.io.PrintStream;
import java.util.Locale;

import io.github.iotembeddings.schema.DatabasePreflight;
import io.github.iotembeddings.search.KeywordFill;

import org.springframework.stereotype.Component;

/**
 * {@code keyword-index}: gives the embeddings written before this version their keywords, in slices, with
 * progress; resumable, so it may be stopped at any moment and run again.
 */
@Component
class KeywordIndexCommand implements CommandHandler<Commands.KeywordIndex> {

	private final DatabasePreflight preflight;

	private final KeywordFill fill;

	KeywordIndexCommand(DatabasePreflight preflight, KeywordFill fill) {
		this.preflight = preflight;
		this.fill = fill;
	}

	@Override
	public int run(Commands.KeywordIndex command, PrintStream out) {
		preflight.requireReady();
		if (command.refill) {
			fill.requestRefill();
		}
		else if (!fill.pending()) {
			out.println("keyword-index: every embedding has its keywords; nothing to do");
			return ExitCodes.DONE;
		}
		KeywordFill.Result result = fill.run(command.slice, command.maxSlices, line -> {
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
