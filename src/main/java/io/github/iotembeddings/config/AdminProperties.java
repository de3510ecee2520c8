package io.github.iotembeddings.config;

import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The operator's secret: it signs in to the console ({@code schedule}, {@code serve}) and is the bearer
 * token of {@code schedule}'s admin API.
 *
 * @param token the admin token, at least 16 characters; unset (the default) turns the console and the admin
 * API off
 */
@ConfigurationProperties("embeddings.admin")
@Validated
public record AdminProperties(
		@Nullable @Pattern(regexp = AdminProperties.TOKEN_RULE, message = AdminProperties.TOKEN_RULE_MESSAGE) String token) {

	/** A token, when set, is long enough that guessing it is hopeless whatever limits requests (16 characters). */
	static final String TOKEN_RULE = "|.{16,}";

	static final String TOKEN_RULE_MESSAGE = "must be at least 16 characters (e.g. openssl rand -hex 32)";

	/** @return whether a usable token is configured */
	public boolean enabled() {
		return token != null && !token.isBlank();
	}

}
