package io.github.iotembeddings.cli;

import java.io.PrintStream;
import java.util.Optional;

import io.github.iotembeddings.index.IndexLifecycle;
import io.github.iotembeddings.index.IndexPlan;
import io.github.iotembeddings.index.IndexState;
import io.github.iotembeddings.schema.DatabasePreflight;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.springframework.context.ApplicationContext;

/** Rebuilds the vector index as runs do after they write, or whenever asked; the table keeps an index throughout. */
@Command(name = "index", description = "rebuild the vector index if it no longer fits its rows (runs do this"
		+ " after writing); never leaves the table without an index")
final class IndexCommand extends ParsedCommand {

	@Option(names = "--rebuild", arity = "1", paramLabel = "true|false",
			description = "rebuild it even if it fits")
	boolean rebuild;

	@Override
	int run(ApplicationContext context, PrintStream out) {
		context.getBean(DatabasePreflight.class).requireMigratedSchema();
		IndexLifecycle lifecycle = context.getBean(IndexLifecycle.class);
		Optional<IndexPlan> rebuilt = lifecycle.check(rebuild);
		IndexState state = lifecycle.state();
		out.println(rebuilt.map(plan -> "index: rebuilt as " + plan.method() + " (" + plan.withClause() + "): " + plan.reason())
			.orElse("index: " + (rebuild ? "not rebuilt (see the log)" : "fits its rows, left as it is")));
		out.println("index: " + ((state.definition() != null) ? state.definition() : "none"));
		return ExitCodes.DONE;
	}

}
