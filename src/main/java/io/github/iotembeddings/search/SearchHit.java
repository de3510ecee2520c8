package io.github.iotembeddings.search;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One event the search found, and why it matched.
 *
 * @param id the {@code iot_events.id}
 * @param similarity cosine similarity to the query, 1 for the same direction; {@code null} in keyword mode,
 * where no query vector exists
 * @param keywordRank its place (1 first) among the keyword candidates, {@code null} when they did not hold it
 * @param semanticRank its place (1 first) among the nearest events by vector, {@code null} when they did not
 * hold it
 * @param score the fused score, {@code sum of weight / (rrf_k + rank)} over the lists that hold it; {@code null}
 * in semantic mode
 * @param createdAt the event's {@code created_at}
 * @param text the event's text, as the configured expression gives it now
 */
public record SearchHit(long id, @Nullable Double similarity, @Nullable Integer keywordRank,
		@Nullable Integer semanticRank, @Nullable Double score, @Nullable Instant createdAt, @Nullable String text) {

	/** @return why it matched, e.g. "keyword #1 + vector #3", "keyword #4" or "vector #2" */
	public String matched() {
		List<String> reasons = new ArrayList<>(2);
		if (keywordRank != null) {
			reasons.add("keyword #" + keywordRank);
		}
		if (semanticRank != null) {
			reasons.add("vector #" + semanticRank);
		}
		return String.join(" + ", reasons);
	}

	SearchHit withText(@Nullable String text) {
		return new SearchHit(id, similarity, keywordRank, semanticRank, score, createdAt, text);
	}

}
