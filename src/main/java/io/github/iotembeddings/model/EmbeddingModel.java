package io.github.iotembeddings.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.inference.Predictor;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import org.jspecify.annotations.Nullable;

/**
 * A loaded sentence-embedding model. Holds native resources: close it when done. Not for concurrent
 * use; callers embed whole chunks, one at a time.
 */
public class EmbeddingModel implements AutoCloseable {

	private final ZooModel<List<Encoding>, float[][]> model;

	private final Predictor<List<Encoding>, float[][]> predictor;

	private final HuggingFaceTokenizer tokenizer;

	private final ModelFiles files;

	private final CallLimits limits;

	private long texts;

	private long tokens;

	private long paddedTokens;

	private long calls;

	private long nanos;

	EmbeddingModel(ZooModel<List<Encoding>, float[][]> model, HuggingFaceTokenizer tokenizer, ModelFiles files,
			CallLimits limits) {
		this.model = model;
		this.predictor = model.newPredictor();
		this.tokenizer = tokenizer;
		this.files = files;
		this.limits = limits;
	}

	/**
	 * Embeds a chunk of texts: tokenised together, then run in calls of similar length (see
	 * {@link LengthBatches}). A {@code null} text is embedded as the empty text; lone surrogates and NUL
	 * characters, which the tokenizer cannot take, become U+FFFD.
	 * @param texts the texts, any length (each is truncated at the model's token limit)
	 * @return one unit-length vector per text, in order
	 */
	public synchronized float[][] embed(List<@Nullable String> texts) {
		if (texts.isEmpty()) {
			return new float[0][];
		}
		long started = System.nanoTime();
		List<String> clean = new ArrayList<>(texts.size());
		for (String text : texts) {
			clean.add(TextSanitizer.sanitize(text));
		}
		Encoding[] encodings = tokenizer.batchEncode(clean);
		int[] tokenCounts = Arrays.stream(encodings).mapToInt(encoding -> encoding.getIds().length).toArray();
		float[][] vectors = new float[encodings.length][];
		List<int[]> plan = limits.sortByLength() ? LengthBatches.plan(tokenCounts, limits.texts(), limits.tokens())
				: List.of(IntStream.range(0, encodings.length).toArray());
		for (int[] call : plan) {
			List<Encoding> batch = new ArrayList<>(call.length);
			int longest = 0;
			for (int position : call) {
				batch.add(encodings[position]);
				longest = Math.max(longest, tokenCounts[position]);
			}
			float[][] batchVectors = predict(batch, texts.size());
			for (int i = 0; i < call.length; i++) {
				vectors[call[i]] = batchVectors[i];
			}
			this.calls++;
			this.paddedTokens += (long) longest * call.length;
		}
		this.texts += encodings.length;
		this.tokens += Arrays.stream(tokenCounts).asLongStream().sum();
		this.nanos += System.nanoTime() - started;
		return vectors;
	}

	// TEMPORARY until the model branch lands
	public float[][] embedQueries(List<String> texts) {
		return embed(new ArrayList<>(texts));
	}

	private float[][] predict(List<Encoding> batch, int chunkSize) {
		try {
			return predictor.predict(batch);
		}
		catch (TranslateException ex) {
			throw new EmbeddingFailedException("model " + files.name() + " failed on a chunk of " + chunkSize
					+ " texts: " + ex.getMessage(), ex);
		}
	}

	/** @return what this model has embedded since it was loaded */
	public synchronized EmbeddingStats stats() {
		return new EmbeddingStats(texts, tokens, paddedTokens, calls, nanos);
	}

	/**
	 * @return what {@code event_embeddings.model} records: the name and the token limit, since both
	 * decide the vectors
	 */
	public String id() {
		return files.name() + "@" + files.maxLength();
	}

	/** @return the model's name for logs and reports */
	public String name() {
		return files.name();
	}

	/** @return the longest input in tokens; longer texts are truncated */
	public int maxLength() {
		return files.maxLength();
	}

	/** @return the engine running the model */
	public String engine() {
		return files.engine();
	}

	/** @return the files the model was loaded from */
	public ModelFiles files() {
		return files;
	}

	/** @return how texts are grouped into model calls */
	public CallLimits limits() {
		return limits;
	}

	@Override
	public synchronized void close() {
		predictor.close();
		model.close();
		tokenizer.close();
	}

	/**
	 * How much goes into one model call.
	 *
	 * @param texts most texts per call
	 * @param tokens most padded tokens per call (texts x the longest one's tokens)
	 * @param threads ONNX Runtime intra-op threads
	 * @param sortByLength whether a chunk is split into calls of similar length ({@link LengthBatches}); if
	 * not, each chunk is one call padded to its longest text, which only the benchmark uses as its baseline
	 */
	public record CallLimits(int texts, int tokens, int threads, boolean sortByLength) {

		public CallLimits(int texts, int tokens, int threads) {
			this(texts, tokens, threads, true);
		}

	}

}
