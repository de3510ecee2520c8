package io.github.iotembeddings.model;

import io.github.iotembeddings.common.Messages;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import ai.djl.MalformedModelException;
import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import io.github.iotembeddings.config.InvalidConfigurationException;
import io.github.iotembeddings.config.ModelProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Loads the configured model with DJL and proves it fits the table before anyone uses it: a model whose
 * vectors are not {@value ModelProperties#DIMENSION}-dimensional is refused here, before anything is
 * written.
 */
public final class EmbeddingModelLoader {

	private static final Log logger = LogFactory.getLog(EmbeddingModelLoader.class);

	private static final String ONNX_RUNTIME = "OnnxRuntime";

	private final ModelProperties properties;

	private final ModelLocator locator;

	private final EmbeddingModel.CallLimits limits;

	private final @Nullable Integer requestThreads;

	EmbeddingModelLoader(ModelProperties properties, EmbeddingModel.CallLimits limits, @Nullable Integer requestThreads) {
		this.properties = properties;
		this.locator = new ModelLocator(properties);
		this.limits = limits;
		this.requestThreads = requestThreads;
	}

	/**
	 * @param properties which model
	 * @param limits how texts are grouped into model calls
	 * @return the loaded, checked model; the caller closes it
	 */
	public static EmbeddingModel load(ModelProperties properties, EmbeddingModel.CallLimits limits) {
		return new EmbeddingModelLoader(properties, limits, null).load();
	}

	/**
	 * As {@link #load(ModelProperties, EmbeddingModel.CallLimits)}, with the requests' predictor on an ONNX
	 * Runtime session of its own: a session's intra-op threads are shared by every run on it, so a request
	 * on the job's session would take the threads a chunk is using. Costs the model's weights a second time
	 * in memory. Other engines (PyTorch has one thread pool per process) keep one session.
	 * @param requestThreads the intra-op threads of the requests' session
	 */
	public static EmbeddingModel load(ModelProperties properties, EmbeddingModel.CallLimits limits, int requestThreads) {
		return new EmbeddingModelLoader(properties, limits, requestThreads).load();
	}

	/**
	 * Unpacks both bundled models (fp32 and int8) once, e.g. into an image where the process may not write
	 * later, so that no run pays for inflating 90 MB.
	 * @param cacheDir what {@code embeddings.model.cache-dir} will be
	 */
	public static void unpackBundled(Path cacheDir) {
		ModelLocator.unpackBundled(cacheDir, false);
		ModelLocator.unpackBundled(cacheDir, true);
	}

	/**
	 * Loads the bundled model unpacked in {@code cacheDir}, which embeds a text, and closes it: in the image's
	 * training run, so that the JVM's AOT cache holds the classes that loading and running the model take
	 * (DJL, ONNX Runtime's Java side, the tokenizer), which a sync with events to embed would otherwise load
	 * from the jars at every fire.
	 */
	public static void loadOnceForTraining(Path cacheDir) {
		ModelProperties properties = new ModelProperties(null, false, null, cacheDir, 16, 4096, 1, null, null, null);
		load(properties, new EmbeddingModel.CallLimits(16, 4096, 1)).close();
	}

	EmbeddingModel load() {
		ModelFiles files = locator.locate();
		ModelSettingsResolver.Resolved settings = ModelSettingsResolver.resolve(properties);
		long started = System.nanoTime();
		HuggingFaceTokenizer tokenizer = Tokenizers.forModel(files);
		Pooling pooling = settings.settings().pooling();
		boolean ownRequestSession = requestThreads != null && ONNX_RUNTIME.equals(files.engine());
		EmbeddingModel model;
		ZooModel<List<Encoding>, float[][]> jobSession = null;
		try {
			jobSession = loadZooModel(files, pooling, limits.threads());
			model = new EmbeddingModel(jobSession,
					ownRequestSession ? loadZooModel(files, pooling, requestThreads) : jobSession, tokenizer, files,
					settings.settings(), limits);
		}
		catch (RuntimeException ex) {
			if (jobSession != null) {
				jobSession.close();
			}
			tokenizer.close();
			throw ex;
		}
		try {
			int dimension = model.embed(List.of("dimension probe"))[0].length;
			if (dimension != ModelProperties.DIMENSION) {
				throw new InvalidConfigurationException("model " + files.name() + " produces " + dimension
						+ "-dimensional vectors, but event_embeddings.embedding is vector(" + ModelProperties.DIMENSION
						+ "): use a " + ModelProperties.DIMENSION + "-dimensional model such as gte-small");
			}
		}
		catch (RuntimeException ex) {
			model.close();
			throw ex;
		}
		logger.info("Loaded model " + files.name() + " (" + files.engine() + ", " + ModelProperties.DIMENSION + "-D, max "
				+ files.maxLength() + " tokens, calls of up to " + limits.texts() + " texts / " + limits.tokens()
				+ " tokens on " + limits.threads() + " threads"
				+ (ownRequestSession ? "; requests on a session of their own, " + requestThreads + " thread(s)" : "")
				+ ") in " + (System.nanoTime() - started) / 1_000_000 + " ms; " + settings.description() + "; id "
				+ model.id());
		return model;
	}

	@SuppressWarnings("unchecked")
	private static ZooModel<List<Encoding>, float[][]> loadZooModel(ModelFiles files, Pooling pooling, int threads) {
		Criteria<List<Encoding>, float[][]> criteria = Criteria.builder()
			.setTypes((Class<List<Encoding>>) (Class<?>) List.class, float[][].class)
			.optModelPath(files.dir())
			.optModelName(files.modelFileName())
			.optEngine(files.engine())
			// Chunks run one call at a time, so all threads go to the operators inside it; requests have
			// a session of their own in the processes that serve HTTP, and share these threads elsewhere.
			.optOption("intraOpNumThreads", Integer.toString(threads))
			.optOption("interOpNumThreads", "1")
			.optTranslator(new PoolingTranslator(pooling))
			.build();
		try {
			return criteria.loadModel();
		}
		catch (ModelNotFoundException | MalformedModelException | IOException | RuntimeException ex) {
			throw new InvalidConfigurationException("cannot load model " + files.name() + " from " + files.dir() + " with "
					+ files.engine() + ": " + Messages.firstLine(ex), ex);
		}
	}

}
