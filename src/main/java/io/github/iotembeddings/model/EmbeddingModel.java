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
 * A loaded sentence-embedding model. Holds native resources: close it when done. The job's chunks
 * ({@link #embed}) run one call at a time; what requests ask for (search queries, {@link #embedQueries},
 * and {@code POST /embed}'s passages, {@link #embedPassagesForRequest}) runs on a second predictor with a
 * lock of its own, so a request never waits behind a chunk, nor a chunk behind a request: ONNX Runtime
 * sessions take concurrent runs, and only the per-predictor state (DJL's predictor, its arrays) needs the
 * locks. In the processes that serve HTTP that predictor has a session of its own, with its own (few)
 * threads, so requests do not take the job's session's threads either (see {@link EmbeddingModelLoader}).
 */
public class EmbeddingModel implements AutoCloseable {

	private final ZooModel<List<Encoding>, float[][]> model;

	/** The session requests run on: {@link #model} itself, or one of their own. */
	private final ZooModel<List<Encoding>, float[][]> requestModel;

	private final Predictor<List<Encoding>, float[][]> predictor;

	private final Predictor<List<Encoding>, float[][]> requestPredictor;

	/** Guards {@link #requestPredictor}; {@code this} guards {@link #predictor} and the statistics. */
	private final Object requestLock = new Object();

	private final HuggingFaceTokenizer tokenizer;

	private final ModelFiles files;

	private final ModelSettings settings;

	private final CallLimits limits;

	private long texts;

	private long tokens;

	private long paddedTokens;

	private long calls;

	private long nanos;

	EmbeddingModel(ZooModel<List<Encoding>, float[][]> model, ZooModel<List<Encoding>, float[][]> requestModel,
			HuggingFaceTokenizer tokenizer, ModelFiles files, ModelSettings settings, CallLimits limits) {
		this.model = model;
		this.requestModel = requestModel;
		this.predictor = model.newPredictor();
		this.requestPredictor = requestModel.newPredictor();
		this.tokenizer = tokenizer;
		this.files = files;
		this.settings = settings;
		this.limits = limits;
	}

	/**
	 * Embeds a chunk of passages (event texts), each behind the passage prefix: tokenised together, then
	 * run in calls of similar length (see {@link LengthBatches}). A {@code null} text is embedded as the
	 * empty text; lone surrogates and NUL characters, which the tokenizer cannot take, become U+FFFD.
	 * Counted in {@link #stats()}.
	 * @param texts the texts, any length (each is truncated at the model's token limit)
	 * @return one unit-length vector per text, in order
	 */
	public synchronized float[][] embed(List<@Nullable String> texts) {
		if (texts.isEmpty()) {
			return new float[0][];
		}
		long started = System.nanoTime();
		Batches done = run(predictor, texts, settings.passagePrefix());
		this.texts += texts.size();
		this.tokens += done.tokens;
		this.paddedTokens += done.paddedTokens;
		this.calls += done.calls;
		this.nanos += System.nanoTime() - started;
		return done.vectors;
	}

	/**
	 * Embeds search queries, each behind the query prefix, as {@link #embed} embeds passages but on the
	 * requests' predictor, so it does not wait for a chunk the job is embedding. Not counted in
	 * {@link #stats()}, which describe the job's work.
	 * @param texts the queries
	 * @return one unit-length vector per query, in order
	 */
	public float[][] embedQueries(List<String> texts) {
		return embedForRequest(texts, settings.queryPrefix());
	}

	/**
	 * Embeds passages (event texts) as {@link #embed} does, behind the passage prefix, giving the same
	 * vectors, but on the requests' predictor: for {@code POST /embed}, which must neither wait for a
	 * chunk nor hold one up. Not counted in {@link #stats()}.
	 * @param texts the passages
	 * @return one unit-length vector per text, in order
	 */
	public float[][] embedPassagesForRequest(List<String> texts) {
		return embedForRequest(texts, settings.passagePrefix());
	}

	private float[][] embedForRequest(List<String> texts, String prefix) {
		if (texts.isEmpty()) {
			return new float[0][];
		}
		synchronized (requestLock) {
			return run(requestPredictor, texts, prefix).vectors;
		}
	}

	private Batches run(Predictor<List<Encoding>, float[][]> calls, List<? extends @Nullable String> texts,
			String prefix) {
		List<String> clean = new ArrayList<>(texts.size());
		for (String text : texts) {
			clean.add(prefix + TextSanitizer.sanitize(text));
		}
		Encoding[] encodings = tokenizer.batchEncode(clean);
		int[] tokenCounts = Arrays.stream(encodings).mapToInt(encoding -> encoding.getIds().length).toArray();
		float[][] vectors = new float[encodings.length][];
		List<int[]> plan = limits.sortByLength() ? LengthBatches.plan(tokenCounts, limits.texts(), limits.tokens())
				: List.of(IntStream.range(0, encodings.length).toArray());
		long padded = 0;
		for (int[] call : plan) {
			List<Encoding> batch = new ArrayList<>(call.length);
			int longest = 0;
			for (int position : call) {
				batch.add(encodings[position]);
				longest = Math.max(longest, tokenCounts[position]);
			}
			float[][] batchVectors = predict(calls, batch, texts.size());
			for (int i = 0; i < call.length; i++) {
				vectors[call[i]] = batchVectors[i];
			}
			padded += (long) longest * call.length;
		}
		return new Batches(vectors, Arrays.stream(tokenCounts).asLongStream().sum(), padded, plan.size());
	}

	private float[][] predict(Predictor<List<Encoding>, float[][]> calls, List<Encoding> batch, int chunkSize) {
		try {
			return calls.predict(batch);
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

	/** @return what {@code event_embeddings.model} records ({@link ModelIdentity#id()}) */
	public String id() {
		return identity().id();
	}

	/** @return which model this is, as it is known before loading */
	public ModelIdentity identity() {
		return new ModelIdentity(files.name(), files.maxLength(), settings);
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

	/** @return the pooling and the prefixes applied around the model */
	public ModelSettings settings() {
		return settings;
	}

	/** @return how token vectors become the sentence vector */
	public Pooling pooling() {
		return settings.pooling();
	}

	/** @return what {@link #embedQueries} puts before each query; {@code ""} for nothing */
	public String queryPrefix() {
		return settings.queryPrefix();
	}

	/** @return what {@link #embed} puts before each passage; {@code ""} for nothing */
	public String passagePrefix() {
		return settings.passagePrefix();
	}

	/** @return how texts are grouped into model calls */
	public CallLimits limits() {
		return limits;
	}

	@Override
	public synchronized void close() {
		synchronized (requestLock) {
			requestPredictor.close();
			predictor.close();
			if (requestModel != model) {
				requestModel.close();
			}
			model.close();
			tokenizer.close();
		}
	}

	/** One pass's vectors and what it cost. */
	private record Batches(float[][] vectors, long tokens, long paddedTokens, int calls) {

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
