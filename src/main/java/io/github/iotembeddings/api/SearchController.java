package io.github.iotembeddings.api;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.iotembeddings.search.InvalidQueryException;
import io.github.iotembeddings.search.SearchHit;
import io.github.iotembeddings.search.SearchMode;
import io.github.iotembeddings.search.SearchRequest;
import io.github.iotembeddings.search.SearchResult;
import io.github.iotembeddings.search.SemanticSearch;
import io.github.iotembeddings.search.TimeBound;
import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /search?q=...&k=10[&mode=hybrid|semantic|keyword][&since=24h][&until=...][&where=column=value ...]}:
 * the same search as the {@code search} command, hybrid unless {@code mode} says otherwise. {@code POST /embed}
 * with {@code {"input": "text" or ["text", ...], "type": "query" or "passage"}}: the vectors this tool searches with (query) or stores (passage) for those texts,
 * for an app that calls {@code match_iot_events} itself.
 */
@RestController
@Profile("web")
class SearchController {

	static final String[] PATHS = { "/search", "/embed" };

	private final SemanticSearch search;

	SearchController(SemanticSearch search) {
		this.search = search;
	}

	@GetMapping("/search")
	SearchResponse search(@RequestParam String q, @RequestParam(defaultValue = "10") int k,
			@RequestParam(required = false) @Nullable String since, @RequestParam(required = false) @Nullable String until,
			@RequestParam(required = false) @Nullable List<String> where,
			@RequestParam(defaultValue = "hybrid") String mode) {
		Instant now = Instant.now();
		SearchResult result = search.search(new SearchRequest(q, k, (since != null) ? TimeBound.parse(since, now) : null,
				(until != null) ? TimeBound.parse(until, now) : null, filters(where), SearchMode.parse(mode)));
		return new SearchResponse(result.mode().id(), result.model(), result.hits(), result.embedMillis(),
				result.searchMillis());
	}

	@PostMapping("/embed")
	EmbedResponse embed(@RequestBody EmbedRequest request) {
		boolean passages = switch ((request.type() != null) ? request.type() : "query") {
			case "query" -> false;
			case "passage" -> true;
			default -> throw new InvalidQueryException("type must be query or passage, not " + request.type());
		};
		List<String> texts = texts(request.input());
		float[][] vectors = search.embed(texts, passages);
		return new EmbedResponse(search.modelId(), passages ? "passage" : "query", vectors[0].length, List.of(vectors));
	}

	@ExceptionHandler(InvalidQueryException.class)
	ResponseEntity<Map<String, String>> invalid(InvalidQueryException ex) {
		return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(Map.of("error", ex.getMessage()));
	}

	private static Map<String, String> filters(@Nullable List<String> where) {
		Map<String, String> filters = new LinkedHashMap<>();
		if (where != null) {
			for (String filter : where) {
				int equals = filter.indexOf('=');
				if (equals < 1) {
					throw new InvalidQueryException("where=" + filter + " is not a filter: use where=COLUMN=VALUE");
				}
				filters.put(filter.substring(0, equals), filter.substring(equals + 1));
			}
		}
		return filters;
	}

	private static List<String> texts(@Nullable Object input) {
		if (input instanceof String text) {
			return List.of(text);
		}
		if (input instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(String.class::isInstance)) {
			return list.stream().map(String.class::cast).toList();
		}
		throw new InvalidQueryException("input must be a text or a non-empty list of texts");
	}

	/**
	 * @param input a text or a list of texts
	 * @param type {@code query} (the default) or {@code passage}
	 */
	record EmbedRequest(@Nullable Object input, @Nullable String type) {
	}

	record EmbedResponse(String model, String type, int dimension, List<float[]> embeddings) {
	}

	record SearchResponse(String mode, @Nullable String model, List<SearchHit> hits, double embedMillis,
			double searchMillis) {
	}

}
