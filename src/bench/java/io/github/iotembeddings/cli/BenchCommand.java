package io.github.iotembeddings.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.github.iotembeddings.bench.Cosines;
import io.github.iotembeddings.bench.EmbedderRun;
import io.github.iotembeddings.bench.ModelBenchmark;
import io.github.iotembeddings.bench.WriteBenchmark;
import io.github.iotembeddings.config.JobProperties;
import io.github.iotembeddings.config.ModelProperties;
import io.github.iotembeddings.model.EmbeddingModel;
import io.github.iotembeddings.model.EmbeddingModelLoader;
import io.github.iotembeddings.schema.DatabasePreflight;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.springframework.context.ApplicationContext;

/**
 * Every embedder side by side on the same texts in one process, then the upsert path alone. Prints Markdown
 * tables for docs/BENCHMARKS.md.
 */
@Command(name = "bench", description = "side by side on the newest events' texts: this tool's embedder at"
		+ " several chunk sizes, langchain4j's, a bare ONNX Runtime session, int8; the upsert path alone")
final class BenchCommand extends ParsedCommand {

	/** MiniLM-L6's forward pass, about 2 x 22M parameters per token (attention's own share is small here). */
	private static final double FLOPS_PER_TOKEN = 21e6;

	@Option(names = "--texts", paramLabel = "N", defaultValue = "2048",
			description = "how many texts (default ${DEFAULT-VALUE})")
	@Range(min = 1, max = 1_000_000)
	int textCount;

	@Option(names = "--models", paramLabel = "DIR,...", split = ",",
			description = "instead: only this tool's embedder, for each model (\"default\" for the bundled one),"
					+ " passes interleaved so that every model sees the same machine load")
	@Nullable List<String> models;

	@Override
	int run(ApplicationContext context, PrintStream out) {
		context.getBean(DatabasePreflight.class).requireEventsTable();
		ModelBenchmark benchmark = context.getBean(ModelBenchmark.class);
		JobProperties jobProperties = context.getBean(JobProperties.class);
		ModelProperties modelProperties = context.getBean(ModelProperties.class);
		if (models != null) {
			return compareModels(models, textCount, benchmark, jobProperties, modelProperties, out);
		}
		EmbeddingModel tool = context.getBean(EmbeddingModel.class);
		int chunk = jobProperties.chunkSize();
		List<String> texts = benchmark.texts(textCount);
		List<EmbedderRun> runs = new ArrayList<>();
		EmbedderRun reference = benchmark.tool("this tool, chunk " + chunk, tool, texts, chunk);
		for (int size : new int[] { 16, 256 }) {
			if (size != chunk) {
				runs.add(benchmark.tool("this tool, chunk " + size, tool, texts, size));
			}
		}
		EmbeddingModel.CallLimits limits = tool.limits();
		try (EmbeddingModel oneCall = EmbeddingModelLoader.load(modelProperties,
				new EmbeddingModel.CallLimits(chunk, Integer.MAX_VALUE, limits.threads(), false))) {
			runs.add(benchmark.tool("one call per chunk of " + chunk + " (no length sorting; issue-2 behaviour)", oneCall,
					texts, chunk));
		}
		EmbedderRun ceiling = benchmark.bareOnnxRuntime(tool, texts, chunk, reference.tokens());
		EmbedderRun langchain4j = benchmark.langchain4j(texts, reference.tokens());
		runs.add(0, reference);
		runs.add(ceiling);
		runs.add(langchain4j);
		if (!modelProperties.quantized() && modelProperties.dir() == null) {
			try (EmbeddingModel int8 = EmbeddingModelLoader.load(modelProperties.withQuantized(true), limits)) {
				runs.add(benchmark.tool("this tool, int8 model (--quantized=true), chunk " + chunk, int8, texts, chunk));
			}
			runs.add(benchmark.langchain4jQuantized(texts, reference.tokens()));
		}
		printEmbedders(out, tool, texts, reference, ceiling, langchain4j, runs);
		WriteBenchmark.Result writes = context.getBean(WriteBenchmark.class).run(reference.vectors(), 20_000, chunk);
		out.println();
		out.printf(Locale.ROOT, "Upsert path alone, %,d rows of real vectors, commit every %d rows:%n%n", writes.rows(),
				writes.chunkSize());
		out.println("| method | rows/s |");
		out.println("| --- | --- |");
		out.printf(Locale.ROOT, "| batched insert ... on conflict (the job's writer) | %,.0f |%n",
				writes.insertRowsPerSecond());
		out.printf(Locale.ROOT, "| binary COPY to staging + insert ... select ... on conflict | %,.0f |%n",
				writes.copyRowsPerSecond());
		return ExitCodes.DONE;
	}

	/** {@code --models}: only this tool's embedder, one row per model, the same texts and chunks for each. */
	private static int compareModels(List<String> dirs, int count, ModelBenchmark benchmark, JobProperties jobProperties,
			ModelProperties modelProperties, PrintStream out) {
		int chunk = jobProperties.chunkSize();
		List<String> texts = benchmark.texts(count);
		List<EmbeddingModel> models = new ArrayList<>();
		try {
			for (String dir : dirs) {
				ModelProperties properties = modelProperties.withDir("default".equals(dir) ? null : Path.of(dir));
				models.add(EmbeddingModelLoader.load(properties, new EmbeddingModel.CallLimits(properties.batchTexts(),
						properties.batchTokens(), properties.threadCount())));
			}
			List<EmbedderRun> runs = benchmark.toolInterleaved(models, texts, chunk);
			out.printf(Locale.ROOT, "%d texts (the newest events; mean %.0f characters), chunks of %d, calls of up to %d"
					+ " texts / %d tokens, %d ONNX Runtime threads; median of %d interleaved passes%n%n", texts.size(),
					texts.stream().mapToInt(String::length).average().orElse(0), chunk, modelProperties.batchTexts(),
					modelProperties.batchTokens(), modelProperties.threadCount(), ModelBenchmark.ROUNDS);
			out.println("| model (id) | texts/s | tokens/s | tokens per text | computed/real tokens | x first model |");
			out.println("| --- | --- | --- | --- | --- | --- |");
			for (EmbedderRun run : runs) {
				out.printf(Locale.ROOT, "| %s | %.1f | %,.0f | %.1f | %.2f | %.2f |%n", run.embedder(), run.textsPerSecond(),
						run.tokensPerSecond(), (double) run.tokens() / run.texts(), (double) run.paddedTokens() / run.tokens(),
						run.textsPerSecond() / runs.get(0).textsPerSecond());
			}
			return ExitCodes.DONE;
		}
		finally {
			models.forEach(EmbeddingModel::close);
		}
	}

	private static void printEmbedders(PrintStream out, EmbeddingModel tool, List<String> texts, EmbedderRun reference,
			EmbedderRun ceiling, EmbedderRun langchain4j, List<EmbedderRun> runs) {
		double characters = texts.stream().mapToInt(String::length).average().orElse(0);
		out.printf(Locale.ROOT, "%d texts (the newest events; mean %.0f characters, %.1f tokens after truncation at %d),"
				+ " model %s, %d ONNX Runtime threads, calls of up to %d texts / %d tokens%n%n", texts.size(), characters,
				(double) reference.tokens() / texts.size(), tool.maxLength(), tool.name(), tool.limits().threads(),
				tool.limits().texts(), tool.limits().tokens());
		out.println("| embedder | texts/s | tokens/s | computed/real tokens | x langchain4j | x bare ORT | cosine to this tool, mean / min |");
		out.println("| --- | --- | --- | --- | --- | --- | --- |");
		for (EmbedderRun run : runs) {
			Cosines cosines = Cosines.between(reference.vectors(), run.vectors());
			String padding = (run.paddedTokens() > 0)
					? String.format(Locale.ROOT, "%.2f", (double) run.paddedTokens() / run.tokens()) : "-";
			out.printf(Locale.ROOT, "| %s | %.1f | %,.0f | %s | %.2f | %.2f | %.6f / %.6f |%n", run.embedder(),
					run.textsPerSecond(), run.tokensPerSecond(), padding,
					run.textsPerSecond() / langchain4j.textsPerSecond(), run.textsPerSecond() / ceiling.textsPerSecond(),
					cosines.mean(), cosines.min());
		}
		double computed = reference.paddedTokens() / reference.seconds();
		out.printf(Locale.ROOT, "%nThis tool at chunk %s: %,.0f tokens/s computed x %.0f MFLOP/token = %.1f GFLOP/s"
				+ " sustained.%n", reference.embedder().replaceAll("\\D+", ""), computed, FLOPS_PER_TOKEN / 1e6,
				computed * FLOPS_PER_TOKEN / 1e9);
	}

}
