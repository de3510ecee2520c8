package io.github.iotembeddings.model;

import java.util.ArrayList;
import java.util.List;

import ai.djl.inference.Predictor;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import org.jspecify.annotations.Nullable;

/**
 * A loaded sentence-embedding model. Holds native resources: close it when done. Not for concurrent
 * use; callers embed whole chunks, one at a time.
 */
public class EmbeddingModel implements AutoCloseable {

	private final ZooModel<List<String>, float[][]> model;

	private final Predictor<List<String>, float[][]> predictor;

	private final ModelFiles files;

	EmbeddingModel(ZooModel<List<String>, float[][]> model, ModelFiles files) {
		this.model = model;
		this.predictor = model.newPredictor();
		this.files = files;
	}

	/**
	 * Embeds all texts in one model call. A {@code null} text is embedded as the empty text; lone
	 * surrogates and NUL characters, which the tokenizer cannot take, become U+FFFD.
	 * @param texts the texts, any length (each is truncated at the model's token limit)
	 * @return one unit-length vector per text, in order
	 */
	public synchronized float[][] embed(List<@Nullable String> texts) {
		if (texts.isEmpty()) {
			return new float[0][];
		}
		List<String> clean = new ArrayList<>(texts.size());
		for (String text : texts) {
			clean.add(TextSanitizer.sanitize(text));
		}
		try {
			return predictor.predict(clean);
		}
		catch (TranslateException ex) {
			throw new EmbeddingFailedException("model " + files.name() + " failed on a batch of " + texts.size()
					+ " texts: " + ex.getMessage(), ex);
		}
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

	@Override
	public synchronized void close() {
		predictor.close();
		model.close();
	}

}
