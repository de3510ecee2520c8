package io.github.iotembeddings.bench;

import io.github.iotembeddings.events.EventTextFunction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import ai.onnxruntime.OrtException;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import io.github.iotembeddings.model.EmbeddingStats;
import io.github.iotembeddings.model.TextSanitizer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Embedders side by side on the same texts: the newest events' texts, exactly what the job would embed,
 * with no database work inside any timed part. Each embedder gets one untimed pass over all the texts
 * first, so one-off costs (JIT compilation, allocations, ONNX Runtime's memory arena growing to each new
 * shape) are not counted, then {@value #ROUNDS} timed passes, of which the median is reported.
 */
@Component
public class ModelBenchmark {

	public static final int ROUNDS = 3;

	private final JdbcTemplate jdbcTemplate;

	private final EventTextFunction eventTextFunction;

	ModelBenchmark(JdbcTemplate jdbcTemplate, EventTextFunction eventTextFunction) {
		this.jdbcTemplate = jdbcTemplate;
		this.eventTextFunction = eventTextFunction;
	}

	/**
	 * @param count how many texts
	 * @return the newest events' texts, as the job reads and sanitises them; blank ones left out, since
	 * langchain4j refuses them, and so are those whose text expression failed
	 */
	public List<String> texts(int count) {
		eventTextFunction.ensureInstalled();
		List<String> texts = jdbcTemplate.queryForList("select " + EventTextFunction.CALL
				+ " from public.iot_events e order by e.id desc limit ?", String.class, count);
		List<String> usable = new ArrayList<>(texts.size());
		for (String text : texts) {
			if (text != null && text.startsWith(EventTextFunction.ERROR_MARKER)) {
				continue;
			}
			String clean = TextSanitizer.sanitize(text);
			if (!clean.isBlank()) {
				usable.add(clean);
			}
		}
		if (usable.isEmpty()) {
			throw new IllegalStateException("public.iot_events has no texts to embed: seed it first (demo-seed --events=N)");
		}
		return usable;
	}

	/** This tool's embedder, a chunk at a time as the job calls it; the median of {@value #ROUNDS} passes. */
	public EmbedderRun tool(String label, io.github.iotembeddings.model.EmbeddingModel model, List<String> texts, int chunkSize) {
		toolPass(label, model, texts, chunkSize);
		return median(IntStream.range(0, ROUNDS).mapToObj(round -> toolPass(label, model, texts, chunkSize)).toList());
	}

	private EmbedderRun toolPass(String label, io.github.iotembeddings.model.EmbeddingModel model, List<String> texts, int chunkSize) {
		EmbeddingStats before = model.stats();
		long started = System.nanoTime();
		List<float[]> vectors = new ArrayList<>(texts.size());
		for (List<String> chunk : chunks(texts, chunkSize)) {
			vectors.addAll(List.of(model.embed(chunk)));
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		EmbeddingStats spent = model.stats().since(before);
		return new EmbedderRun(label, texts.size(), spent.tokens(), spent.paddedTokens(), seconds,
				vectors.toArray(float[][]::new));
	}

	/**
	 * This tool's embedder for several models, a chunk at a time as the job calls it: one untimed pass each,
	 * then {@value #ROUNDS} rounds of one pass per model, so that a shared machine's changing load falls on
	 * every model alike; the median pass of each.
	 * @return one run per model, in order
	 */
	public List<EmbedderRun> toolInterleaved(List<io.github.iotembeddings.model.EmbeddingModel> models,
			List<String> texts, int chunkSize) {
		List<List<EmbedderRun>> passes = new ArrayList<>();
		for (io.github.iotembeddings.model.EmbeddingModel model : models) {
			toolPass(model.id(), model, texts, chunkSize);
			passes.add(new ArrayList<>());
		}
		for (int round = 0; round < ROUNDS; round++) {
			for (int i = 0; i < models.size(); i++) {
				passes.get(i).add(toolPass(models.get(i).id(), models.get(i), texts, chunkSize));
			}
		}
		return passes.stream().map(ModelBenchmark::median).toList();
	}

	/**
	 * langchain4j's in-process all-MiniLM-L6-v2 (the same model file), as its users call it: one
	 * {@code embedAll} over all texts, which it spreads over its own thread pool one text at a time.
	 * @param tokens the texts' token count as the tool measured it, for tokens/s
	 */
	public EmbedderRun langchain4j(List<String> texts, long tokens) {
		return langchain4j("langchain4j AllMiniLmL6V2EmbeddingModel, embedAll", new AllMiniLmL6V2EmbeddingModel(), texts,
				tokens);
	}

	/** langchain4j's int8 all-MiniLM-L6-v2, the same file as {@code --quantized=true}. */
	public EmbedderRun langchain4jQuantized(List<String> texts, long tokens) {
		return langchain4j("langchain4j AllMiniLmL6V2QuantizedEmbeddingModel (int8), embedAll",
				new AllMiniLmL6V2QuantizedEmbeddingModel(), texts, tokens);
	}

	private static EmbedderRun langchain4j(String label, EmbeddingModel model, List<String> texts, long tokens) {
		List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
		model.embedAll(segments);
		return median(IntStream.range(0, ROUNDS).mapToObj(round -> {
			long started = System.nanoTime();
			List<Embedding> embeddings = model.embedAll(segments).content();
			double seconds = (System.nanoTime() - started) / 1e9;
			float[][] vectors = embeddings.stream().map(Embedding::vector).toArray(float[][]::new);
			return new EmbedderRun(label, texts.size(), tokens, 0, seconds, vectors);
		}).toList());
	}

	/**
	 * A bare ONNX Runtime session on the tool's model file, fed the same chunks, tokenizer and
	 * length-sorted calls: the ceiling.
	 */
	public EmbedderRun bareOnnxRuntime(io.github.iotembeddings.model.EmbeddingModel model, List<String> texts, int chunkSize, long tokens) {
		try (BareOnnxRuntime ceiling = new BareOnnxRuntime(model.files(), model.settings(), model.limits())) {
			for (List<String> chunk : chunks(texts, chunkSize)) {
				ceiling.embed(chunk);
			}
			List<EmbedderRun> passes = new ArrayList<>();
			for (int round = 0; round < ROUNDS; round++) {
				long started = System.nanoTime();
				List<float[]> vectors = new ArrayList<>(texts.size());
				for (List<String> chunk : chunks(texts, chunkSize)) {
					vectors.addAll(List.of(ceiling.embed(chunk)));
				}
				double seconds = (System.nanoTime() - started) / 1e9;
				passes.add(new EmbedderRun("bare ONNX Runtime session, same tokenizer and calls, chunk " + chunkSize,
						texts.size(), tokens, 0, seconds, vectors.toArray(float[][]::new)));
			}
			return median(passes);
		}
		catch (OrtException ex) {
			throw new IllegalStateException("bare ONNX Runtime session failed: " + ex.getMessage(), ex);
		}
	}

	/** Two machines' cores are never quiet for long: the median pass is the figure, not the luckiest. */
	private static EmbedderRun median(List<EmbedderRun> passes) {
		List<EmbedderRun> sorted = passes.stream().sorted(Comparator.comparingDouble(EmbedderRun::seconds)).toList();
		return sorted.get(sorted.size() / 2);
	}

	private static List<List<String>> chunks(List<String> texts, int size) {
		List<List<String>> chunks = new ArrayList<>();
		for (int from = 0; from < texts.size(); from += size) {
			chunks.add(texts.subList(from, Math.min(from + size, texts.size())));
		}
		return chunks;
	}

}
