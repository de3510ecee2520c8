package io.github.iotembeddings.validate;

import org.jspecify.annotations.Nullable;

/**
 * A neighbour found by the similarity smoke.
 *
 * @param eventId the neighbour
 * @param cosineSimilarity 1 - cosine distance
 * @param text the text embedded for it, so a person can judge
 */
public record Neighbour(long eventId, double cosineSimilarity, @Nullable String text) {

}

