package io.github.iotembeddings.config;

import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the tool uses the vector index.
 *
 * @param probes {@code ivfflat.probes} for the tool's own similarity queries; unset for the square root
 * of the index's lists, pgvector's suggested starting point
 */
@ConfigurationProperties("embeddings.index")
@Validated
public record IndexProperties(@Nullable @Min(1) Integer probes) {

}
