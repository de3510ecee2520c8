package io.github.iotembeddings.search;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import com.pgvector.PGvector;
import io.github.iotembeddings.config.SearchProperties;
import io.github.iotembeddings.events.EventTextFunction;
import io.github.iotembeddings.events.EventTexts;
import io.github.iotembeddings.model.EmbeddingModel;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The one search behind the {@code search} command, {@code GET /search} and the console: checks the request,
 * embeds the query with the model the rows were made with (but in keyword mode), asks
 * {@code public.hybrid_match_iot_events} or, in semantic mode, {@code public.match_iot_events} (the functions
 * the app calls, so all of them agree on settings, filters and results) and reads the hits' texts.
 */
@Service
public class SemanticSearch {

	private static final String MATCH = """
			select id, similarity, created_at
			from public.match_iot_events(?, ?, ?::timestamptz, ?::timestamptz, ?::jsonb)""";

	/** Without a query vector in keyword mode: the function then reads no vector and needs no model. */
	private static final String HYBRID_MATCH = """
			select id, similarity, created_at, keyword_rank, semantic_rank, score
			from public.hybrid_match_iot_events(?, %s, ?, ?::timestamptz, ?::timestamptz, ?::jsonb)""";

	/** The newest row: the one a model switch re-embeds first, so it tells which model the index holds. */
	private static final String STORED_MODEL = "select model from public.event_embeddings order by event_id desc limit 1";

	private final JdbcTemplate jdbcTemplate;

	private final ObjectProvider<EmbeddingModel> model;

	private final EventTextFunction textFunction;

	private final EventTexts eventTexts;

	private final SearchProperties properties;

	private final SearchFilters filters;

	private volatile boolean textFunctionChecked;

	SemanticSearch(JdbcTemplate jdbcTemplate, ObjectProvider<EmbeddingModel> model, EventTextFunction textFunction,
			EventTexts eventTexts, SearchProperties properties) {
		this.jdbcTemplate = jdbcTemplate;
		this.eventTexts = eventTexts;
		this.model = model;
		this.textFunction = textFunction;
		this.properties = properties;
		this.filters = new SearchFilters(jdbcTemplate);
	}

	/**
	 * @param request what to search for
	 * @return the nearest events, nearest first, at most {@code request.limit()} of them
	 * @throws InvalidQueryException when the request must change: empty or too long, a limit out of range, an
	 * unknown filter, or a configured model other than the one the rows were made with
	 */
	public SearchResult search(SearchRequest request) {
		check(request);
		String filter = filters.toJson(request.where());
		SearchMode mode = request.mode();
		@Nullable EmbeddingModel embedder = (mode != SearchMode.KEYWORD) ? requireStoredModel() : null;
		long started = System.nanoTime();
		@Nullable PGvector query = (embedder != null) ? new PGvector(embedder.embedQueries(List.of(request.text()))[0])
				: null;
		long embedded = System.nanoTime();
		@Nullable OffsetDateTime since = timestamp(request.since());
		@Nullable OffsetDateTime until = timestamp(request.until());
		List<SearchHit> found = switch (mode) {
			case SEMANTIC -> jdbcTemplate.query(MATCH,
					(row, n) -> new SearchHit(row.getLong(1), row.getDouble(2), null, n + 1, null, instant(row.getTimestamp(3)),
							null),
					query, request.limit(), since, until, filter);
			case HYBRID -> jdbcTemplate.query(HYBRID_MATCH.formatted("?"), SemanticSearch::fused, request.text(), query,
					request.limit(), since, until, filter);
			case KEYWORD -> jdbcTemplate.query(HYBRID_MATCH.formatted("null"), SemanticSearch::fused, request.text(),
					request.limit(), since, until, filter);
		};
		List<SearchHit> hits = withTexts(found);
		long searched = System.nanoTime();
		return new SearchResult(mode, (embedder != null) ? embedder.id() : null, hits, (embedded - started) / 1e6,
				(searched - embedded) / 1e6);
	}

	private static SearchHit fused(ResultSet row, int n) throws SQLException {
		return new SearchHit(row.getLong(1), row.getObject(2, Double.class), row.getObject(4, Integer.class),
				row.getObject(5, Integer.class), row.getObject(6, Double.class), instant(row.getTimestamp(3)), null);
	}

	/**
	 * @param texts the texts to embed as queries, as {@code search} does, or as the events' own texts
	 * @param passages whether they are event texts (with the model's passage prefix) rather than queries
	 * @return one unit-length vector per text, equal to what the tool stores (passages) or searches with
	 * (queries) for the same text; both computed on the requests' predictor, never the job's
	 */
	public float[][] embed(List<String> texts, boolean passages) {
		if (texts.isEmpty() || texts.size() > properties.maxEmbedTexts()) {
			throw new InvalidQueryException("give between 1 and " + properties.maxEmbedTexts() + " texts, not " + texts.size());
		}
		for (String text : texts) {
			checkLength(text);
		}
		EmbeddingModel embedder = model.getObject();
		return passages ? embedder.embedPassagesForRequest(texts) : embedder.embedQueries(texts);
	}

	/** @return the model id queries are embedded with */
	public String modelId() {
		return model.getObject().id();
	}

	private void check(SearchRequest request) {
		if (request.text().isBlank()) {
			throw new InvalidQueryException("the query is empty: give the text to search for");
		}
		checkLength(request.text());
		if (request.limit() < 1 || request.limit() > properties.maxLimit()) {
			throw new InvalidQueryException("the limit must be between 1 and " + properties.maxLimit() + ", not "
					+ request.limit() + " (embeddings.search.max-limit)");
		}
		if (request.since() != null && request.until() != null && !request.since().isBefore(request.until())) {
			throw new InvalidQueryException("since (" + request.since() + ") must be before until (" + request.until() + ")");
		}
	}

	private void checkLength(String text) {
		if (text.length() > properties.maxQueryChars()) {
			throw new InvalidQueryException("a text is " + text.length() + " characters; at most "
					+ properties.maxQueryChars() + " are accepted (embeddings.search.max-query-chars)");
		}
	}

	/** Vectors of two models are not comparable: a query embedded by another model finds noise. */
	private EmbeddingModel requireStoredModel() {
		List<String> stored = jdbcTemplate.queryForList(STORED_MODEL, String.class);
		if (stored.isEmpty()) {
			throw new InvalidQueryException("public.event_embeddings is empty: run backfill or sync first");
		}
		EmbeddingModel embedder = model.getObject();
		if (!embedder.id().equals(stored.get(0))) {
			throw new InvalidQueryException("the embeddings were made with model " + stored.get(0)
					+ " but the configured model is " + embedder.id() + ": search with the same model (--model),"
					+ " or re-embed with reconcile");
		}
		return embedder;
	}

	private List<SearchHit> withTexts(List<SearchHit> hits) {
		if (hits.isEmpty()) {
			return hits;
		}
		if (!textFunctionChecked) {
			textFunction.ensureInstalled();
			textFunctionChecked = true;
		}
		Map<Long, String> texts = eventTexts.of(hits.stream().map(SearchHit::id).toList());
		return hits.stream()
			.map(hit -> hit.withText(EventTexts.readable(texts.get(hit.id()))))
			.toList();
	}

	private static @Nullable OffsetDateTime timestamp(@Nullable Instant instant) {
		return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
