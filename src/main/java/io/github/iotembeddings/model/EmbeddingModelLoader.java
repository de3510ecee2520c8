package io.github.iotembeddings.model;

import java.io.IOException;
import java.util.List;

import ai.djl.MalformedModelException;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import io.github.iotembeddings.config.InvalidConfigurationException;
import io.github.iotembeddings.config.ModelProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Loads the configured model with DJL and proves it fits the table before anyone uses it: a model whose
 * vectors are not {@value ModelProperties#DIMENSION}-dimensional is refused here, before anything is
 * written.
 */
class EmbeddingModelLoader {

	private static final Log logger = LogFactory.getLog(EmbeddingModelLoader.class);

	private final ModelLocator locator;

	EmbeddingModelLoader(ModelLocator locator) {
		this.locator = locator;
	}

	EmbeddingModel load() {
		ModelFiles files = locator.locate();
		long started = System.nanoTime();
		EmbeddingModel model = new EmbeddingModel(loadZooModel(files), files);
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
		logger.info("Loaded model " + files.name() + " (" + files.engine() + ", " + ModelProperties.DIMENSION
				+ "-D, max " + files.maxLength() + " tokens) in " + (System.nanoTime() - started) / 1_000_000 + " ms");
		return model;
	}

	@SuppressWarnings("unchecked")
	private static ZooModel<List<String>, float[][]> loadZooModel(ModelFiles files) {
		HuggingFaceTokenizer tokenizer = tokenizer(files);
		Criteria<List<String>, float[][]> criteria = Criteria.builder()
			.setTypes((Class<List<String>>) (Class<?>) List.class, float[][].class)
			.optModelPath(files.dir())
			.optModelName(files.modelFileName())
			.optEngine(files.engine())
			.optTranslator(new MeanPoolingTranslator(tokenizer))
			.build();
		try {
			return criteria.loadModel();
		}
		catch (ModelNotFoundException | MalformedModelException | IOException | RuntimeException ex) {
			tokenizer.close();
			throw new InvalidConfigurationException("cannot load model " + files.name() + " from " + files.dir() + " with "
					+ files.engine() + ": " + firstLine(ex), ex);
		}
	}

	private static HuggingFaceTokenizer tokenizer(ModelFiles files) {
		try {
			// Pad to the longest text of each batch, not to the fixed length some tokenizer.json files
			// declare: padding is wasted compute, and masked pooling makes the result the same.
			return HuggingFaceTokenizer.builder()
				.optTokenizerPath(files.tokenizer())
				.optTruncation(true)
				.optPadding(true)
				.optMaxLength(files.maxLength())
				.build();
		}
		catch (IOException | RuntimeException ex) {
			throw new InvalidConfigurationException("cannot read tokenizer " + files.tokenizer() + ": " + firstLine(ex), ex);
		}
	}

	private static String firstLine(Throwable ex) {
		String message = String.valueOf(ex.getMessage());
		int newline = message.indexOf('\n');
		return (newline < 0) ? message : message.substring(0, newline);
	}

}
