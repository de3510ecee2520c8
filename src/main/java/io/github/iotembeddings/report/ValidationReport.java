package io.github.iotembeddings.report;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.iotembeddings.config.ConnectionSettings;
import io.github.iotembeddings.validate.RecallResult;
import io.github.iotembeddings.validate.Validation;

import org.springframework.stereotype.Component;

/** {@code emb_validation.json} and {@code emb_validation.md} from a {@link Validation}. */
@Component
public class ValidationReport {

	static final String JSON = "emb_validation.json";

	static final String MARKDOWN = "emb_validation.md";

	private final ReportFiles files;

	private final ConnectionSettings connection;

	ValidationReport(ReportFiles files, ConnectionSettings connection) {
		this.files = files;
		this.connection = connection;
	}

	public List<Path> write(Validation validation) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("generatedAt", Instant.now().toString());
		json.put("database", connection.describe());
		json.put("passed", validation.failure() == null);
		json.put("failure", validation.failure());
		json.put("model", validation.model());
		json.put("parity", validation.parity());
		json.put("stale", validation.stale());
		json.put("staleAsOf", validation.staleAsOf());
		json.put("fullCheck", validation.fullCheck());
		json.put("similarity", validation.similarity());
		json.put("recall", validation.recall());
		json.put("schema", validation.schema());
		json.put("queries", validation.queries());
		return List.of(files.writeJson(JSON, json), files.writeText(MARKDOWN, markdown(validation)));
	}

	private String markdown(Validation validation) {
		StringBuilder md = new StringBuilder("# Embedding validation\n\n");
		md.append("Database `").append(connection.describe()).append("`, model `").append(validation.model())
			.append("`, generated ").append(Instant.now()).append(".\n\n");
		md.append("**").append(validation.failure() == null ? "PASSED" : "FAILED: " + validation.failure()).append("**\n\n");
		md.append("## Row parity\n\n| events | embedded | missing | stale |\n| --- | --- | --- | --- |\n");
		md.append(String.format(Locale.ROOT, "| %d | %d | %d | %d |%n%n", validation.parity().events(),
				validation.parity().embedded(), validation.parity().missing(), validation.stale()));
		md.append("Missing is counted now (a primary-key anti-join). Stale (the event's text changed since, or another"
				+ " model or token limit made the embedding) is the last full check's count, ").append(validation.staleAsOf())
			.append(": the full check queues them and the sync after it re-embeds them.\n\n## Similarity smoke\n\n");
		if (validation.similarity().isEmpty()) {
			md.append("No embeddings yet.\n\n");
		}
		validation.similarity().forEach(result -> {
			md.append("### ").append(result.name()).append("\n\n");
			md.append(String.format(Locale.ROOT, "Latency p50 %.2f ms, p95 %.2f ms; event_embeddings read by: **%s** (EXPLAIN).%n%n",
					result.p50Ms(), result.p95Ms(), result.indexUsed()));
			if (result.neighbours().size() < 5 && result.usedIndex()) {
				md.append(String.format(Locale.ROOT, "The index returned %d of 5 rows: at this search setting it looks at too few"
						+ " candidates (see the recall below; an IVFFlat index built on an empty table has poor lists).%n%n",
						result.neighbours().size()));
			}
			md.append("| event | cosine similarity | text |\n| --- | --- | --- |\n");
			result.neighbours().forEach(n -> md.append(String.format(Locale.ROOT, "| %d | %.4f | %s |%n", n.eventId(),
					n.cosineSimilarity(), abbreviate(String.valueOf(n.text()), 160).replace("|", "\\|"))));
			md.append('\n');
		});
		md.append("Ordering by the computed similarity cannot use a vector index; ordering by"
				+ " `embedding <=> query` can (the planner may still prefer a scan on a small table).\n\n");
		md.append("## Index recall\n\n");
		if (validation.recall() == null) {
			md.append("No valid vector index, or no rows.\n\n");
		}
		else {
			RecallResult recall = validation.recall();
			md.append(String.format(Locale.ROOT, "recall@%d over %d sampled query vectors (equally near rows count as"
					+ " found): **%.3f** at %s = %d, as the tool sets it, reading event_embeddings by: %s."
					+ " Smallest value reaching %.2f: %s. Top-5 query latency over the same vectors at that setting:"
					+ " p50 %.2f ms, p95 %.2f ms.%n%n",
					recall.k(), recall.queries(), recall.recallAtProbesInUse(), recall.searchSetting(), recall.probesInUse(),
					recall.indexUsed(), recall.target(),
					recall.probesForTarget() != null ? String.valueOf(recall.probesForTarget()) : "none tried",
					recall.topFiveP50Ms(), recall.topFiveP95Ms()));
		}
		md.append("## How each query read the tables\n\n")
			.append("EXPLAIN (FORMAT JSON) of each query as it ran (its parameters and search setting), every scan named,")
			.append(" each index with its access method and parameters from the catalog.\n\n")
			.append("| query | setting | event_embeddings read by | every scan |\n| --- | --- | --- | --- |\n");
		validation.queries().forEach(plan -> md.append("| ").append(plan.name()).append(" | ")
			.append(plan.settings().isEmpty() ? "-" : "`" + plan.settings() + "`").append(" | ").append(plan.indexUsed())
			.append(" | ").append(plan.scans().stream().map(scan -> scan.relation() + ": " + scan.describe())
				.collect(java.util.stream.Collectors.joining("; ")))
			.append(" |\n"));
		md.append("\n## Schema\n\n| check | result | found |\n| --- | --- | --- |\n");
		validation.schema().forEach(check -> md.append("| ").append(check.name()).append(" | ")
			.append(check.passed() ? "pass" : "**FAIL**").append(" | `").append(check.detail()).append("` |\n"));
		return md.toString();
	}

	private static String abbreviate(String text, int max) {
		return (text.length() <= max) ? text : text.substring(0, max - 3) + "...";
	}

}
