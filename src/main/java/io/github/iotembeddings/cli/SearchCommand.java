package io.github.iotembeddings.cli;

import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.github.iotembeddings.schema.DatabasePreflight;
import io.github.iotembeddings.search.InvalidQueryException;
import io.github.iotembeddings.search.SearchHit;
import io.github.iotembeddings.search.SearchMode;
import io.github.iotembeddings.search.SearchRequest;
import io.github.iotembeddings.search.SearchResult;
import io.github.iotembeddings.search.SemanticSearch;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import org.springframework.context.ApplicationContext;

/**
 * Prints the events found, with their similarity, why each matched (its keyword rank, its vector rank, or both),
 * time and text, and what it took.
 */
@Command(name = "search", description = "the events that match a text by its words and by its meaning (hybrid),"
		+ " or by one of them: asks public.hybrid_match_iot_events or public.match_iot_events, as the app does")
final class SearchCommand extends ParsedCommand {

	@Parameters(paramLabel = "TEXT", description = "what to search for, e.g. \"overheating in the server room\"")
	String text = "";

	@Option(names = "--limit", paramLabel = "K", defaultValue = "10",
			description = "how many events (default ${DEFAULT-VALUE})")
	@Range(min = 1, max = 1_000)
	int limit;

	@Option(names = "--since", paramLabel = "TIME", converter = Converters.SearchTime.class,
			description = "only events created since TIME: 2026-12-01T08:00:00Z, 2026-12-01, or an age such as 24h, 7d")
	@Nullable Instant since;

	@Option(names = "--until", paramLabel = "TIME", converter = Converters.SearchTime.class,
			description = "only events created before TIME (same forms)")
	@Nullable Instant until;

	@Option(names = "--where", paramLabel = "COLUMN=VALUE",
			description = "only events whose COLUMN has VALUE (a JSON object for a jsonb column: the event's value"
					+ " must contain it); repeat for more")
	Map<String, String> where = new LinkedHashMap<>();

	@Option(names = "--mode", paramLabel = "hybrid|semantic|keyword", defaultValue = "hybrid",
			converter = Converters.Mode.class,
			description = "hybrid: by words and meaning, fused (default); semantic: by meaning only; keyword: by"
					+ " words only, without the model")
	SearchMode mode = SearchMode.HYBRID;

	@Override
	int run(ApplicationContext context, PrintStream out) {
		context.getBean(DatabasePreflight.class).requireMigratedSchema();
		SearchResult result;
		try {
			result = context.getBean(SemanticSearch.class)
				.search(new SearchRequest(text, limit, since, until, where, mode));
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
