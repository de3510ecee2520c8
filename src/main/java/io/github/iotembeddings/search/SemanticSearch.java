package io.github.iotembeddings.search;

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
 * The one search behind the {@code search} command and {@code GET /search}: checks the request, embeds
 * the query with the model the rows were made with, asks {@code public.match_iot_events} (the function
 * the app calls, so all three agree on settings and filters) and reads the hits' texts.
 */
@Service
public class SemanticSearch {

	private static final String MATCH = """
			select id, similarity, created_at
			from public.match_iot_events(?, ?, ?::timestamptz, ?::timestamptz, ?::jsonb)""";

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
		EmbeddingModel embedder = requireStoredModel();
		long started = System.nanoTime();
		float[] query = embedder.embedQueries(List.of(request.text()))[0];
		long embedded = System.nanoTime();
		List<SearchHit> nearest = jdbcTemplate.query(MATCH,
				(row, n) -> new SearchHit(row.getLong(1), row.getDouble(2), instant(row.getTimestamp(3)), null),
				new PGvector(query), request.limit(), timestamp(request.since()), timestamp(request.until()), filter);
		List<SearchHit> hits = withTexts(nearest);
		long searched = System.nanoTime();
		return new SearchResult(embedder.id(), hits, (embedded - started) / 1e6, (searched - embedded) / 1e6);
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
			.map(hit -> new SearchHit(hit.id(), hit.similarity(), hit.createdAt(), EventTexts.readable(texts.get(hit.id()))))
			.toList();
	}

	private static @Nullable OffsetDateTime timestamp(@Nullable Instant instant) {
		return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
