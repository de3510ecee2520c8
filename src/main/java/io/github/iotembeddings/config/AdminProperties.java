package io.github.iotembeddings.config;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The admin API of {@code schedule}.
 *
 * @param token the bearer token callers must present; unset (the default) turns the API off
 */
@ConfigurationProperties("embeddings.admin")
public record AdminProperties(@Nullable String token) {

	/** @return whether a usable token is configured */
	public boolean enabled() {
		return token != null && !token.isBlank();
	}

}
