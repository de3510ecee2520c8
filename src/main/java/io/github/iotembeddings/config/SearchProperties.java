package io.github.iotembeddings.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Semantic search: the {@code search} command and the HTTP query API ({@code GET /search},
 * {@code POST /embed}).
 *
 * @param token the bearer token of the query API, read-only, distinct from the admin token, at least 16
 * characters; unset (the
 * default) turns the query API off
 * @param maxLimit the most events one search returns ({@code --limit}, {@code k})
 * @param maxQueryChars the longest query text accepted, in characters
 * @param maxEmbedTexts the most texts one {@code POST /embed} takes
 * @param maxRequestBytes the largest request body the query API reads
 */
@ConfigurationProperties("embeddings.search")
@Validated
public record SearchProperties(
		@Nullable @Pattern(regexp = AdminProperties.TOKEN_RULE, message = AdminProperties.TOKEN_RULE_MESSAGE) String token,
		@DefaultValue("100") @Min(1) @Max(1000) int maxLimit,
		@DefaultValue("2000") @Min(1) int maxQueryChars, @DefaultValue("64") @Min(1) @Max(4096) int maxEmbedTexts,
		@DefaultValue("262144") @Min(1024) int maxRequestBytes) {

	/** @return whether a usable token is configured */
	public boolean enabled() {
		return token != null && !token.isBlank();
	}

}
