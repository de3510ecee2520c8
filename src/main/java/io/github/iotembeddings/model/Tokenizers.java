package io.github.iotembeddings.model;

import io.github.iotembeddings.common.Messages;
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
			// longest text (PoolingTranslator), not to the fixed length some tokenizer.json files declare.
			return HuggingFaceTokenizer.builder()
				.optTokenizerPath(files.tokenizer())
				.optTruncation(true)
				.optPadding(false)
				.optMaxLength(files.maxLength())
				.build();
		}
		catch (IOException | RuntimeException ex) {
			throw new InvalidConfigurationException("cannot read tokenizer " + files.tokenizer() + ": " + Messages.firstLine(ex), ex);
		}
	}

}
