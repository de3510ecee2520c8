package io.github.iotembeddings.config;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where reports go.
 *
 * @param dir the directory that receives the {@code emb_*} report files
 */
@ConfigurationProperties("embeddings.reports")
public record ReportsProperties(@DefaultValue("_reports") Path dir) {

}
