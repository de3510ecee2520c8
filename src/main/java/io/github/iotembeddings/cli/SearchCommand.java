package io.github.iotembeddings.cli;

import java.io.PrintStream;
import java.util.Locale;

import io.github.iotembeddings.schema.DatabasePreflight;
import io.github.iotembeddings.search.InvalidQueryException;
import io.github.iotembeddings.search.SearchHit;
import io.github.iotembeddings.search.SearchRequest;
import io.github.iotembeddings.search.SearchResult;
import io.github.iotembeddings.search.SemanticSearch;

import org.springframework.stereotype.Component;

/**
 * {@code search TEXT}: the events found, with their similarity, why each matched (its keyword rank, its vector
 * rank, or both), time and text, and what it took.
 */
@Component
class SearchCommand implements CommandHandler<Commands.Search> {

	private final DatabasePreflight preflight;

	private final SemanticSearch search;

	SearchCommand(DatabasePreflight preflight, SemanticSearch search) {
		this.preflight = preflight;
		this.search = search;
	}

	@Override
	public int run(Commands.Search command, PrintStream out) {
		preflight.requireMigratedSchema();
		SearchResult result;
		try {
			result = search.search(new SearchRequest(command.text, command.limit, command.since, command.until,
					command.where, command.mode));
		}
		catch (InvalidQueryException ex) {
			throw new UsageException("search: " + ex.getMessage());
		}
		String format = "%-12s %10s  %-22s  %-27s  %s%n";
		out.printf(Locale.ROOT, format, "EVENT", "SIMILARITY", "MATCHED", "CREATED", "TEXT");
		for (SearchHit hit : result.hits()) {
			out.printf(Locale.ROOT, format, hit.id(),
					(hit.similarity() != null) ? String.format(Locale.ROOT, "%.4f", hit.similarity()) : "-", hit.matched(),
					Columns.orDash(hit.createdAt()),
					Columns.abbreviate(String.valueOf(hit.text()).replace('\n', ' '), 160));
		}
		String how = (result.model() != null) ? String.format(Locale.ROOT, "embedding the query %.1f ms, searching %.1f ms"
				+ " (model %s)", result.embedMillis(), result.searchMillis(), result.model())
				: String.format(Locale.ROOT, "searching %.1f ms", result.searchMillis());
		out.printf(Locale.ROOT, "search: %d event%s, %s; %s%n", result.hits().size(),
				(result.hits().size() == 1) ? "" : "s", result.mode().id(), how);
		return ExitCodes.DONE;
	}

}
