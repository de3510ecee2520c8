package io.github.iotembeddings.cli;

import java.io.PrintStream;
import java.util.Optional;

import io.github.iotembeddings.index.IndexLifecycle;
import io.github.iotembeddings.index.IndexPlan;
import io.github.iotembeddings.index.IndexState;
import io.github.iotembeddings.schema.DatabasePreflight;

import org.springframework.stereotype.Component;

/**
 * {@code index [--rebuild=true]}: rebuilds the vector index when it no longer fits the rows (what runs do
 * after they write), or whenever asked; without an index at any moment.
 */
@Component
class IndexCommand implements CommandHandler<Commands.Index> {

	private final DatabasePreflight preflight;

	private final IndexLifecycle lifecycle;

	IndexCommand(DatabasePreflight preflight, IndexLifecycle lifecycle) {
		this.preflight = preflight;
		this.lifecycle = lifecycle;
	}

	@Override
	public int run(Commands.Index command, PrintStream out) {
		preflight.requireMigratedSchema();
		Optional<IndexPlan> rebuilt = lifecycle.check(command.rebuild);
		IndexState state = lifecycle.state();
		out.println(rebuilt.map(plan -> "index: rebuilt as " + plan.method() + " (" + plan.withClause() + "): " + plan.reason())
			.orElse("index: " + (command.rebuild ? "not rebuilt (see the log)" : "fits its rows, left as it is")));
		out.println("index: " + ((state.definition() != null) ? state.definition() : "none"));
		return ExitCodes.DONE;
	}

}
