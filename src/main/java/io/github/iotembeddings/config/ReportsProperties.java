package io.github.iotembeddings.config;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where reports go.
 *
 * @param dir the directory that receives the {@code emb_*} report files
 * @param afterRuns whether a run rewrites the reports of its kind when it ends; off where no one reads the
 * files (the containers of a cluster: the console shows the runs, and {@code report} writes them on demand)
 */
@ConfigurationProperties("embeddings.reports")
public record ReportsProperties(@DefaultValue("_reports") Path dir, @DefaultValue("true") boolean afterRuns) {

}
