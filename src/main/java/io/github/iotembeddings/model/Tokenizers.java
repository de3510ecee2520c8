package io.github.iotembeddings.model;

import java.io.IOException;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.github.iotembeddings.config.InvalidConfigurationException;

/** Opens a model's tokenizer the one way every embedder here uses it. */
public final class Tokenizers {

	private Tokenizers() {
	}

	/**
	 * @param files the model
	 * @return its tokenizer, truncating at the model's limit and not padding
	 */
	public static HuggingFaceTokenizer forModel(ModelFiles files) {
		try {
			// No padding here: texts are grouped by length first, and each model call pads to its own
			// longest text (MeanPoolingTranslator), not to the fixed length some tokenizer.json files declare.
			return HuggingFaceTokenizer.builder()
				.optTokenizerPath(files.tokenizer())
				.optTruncation(true)
				.optPadding(false)
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
