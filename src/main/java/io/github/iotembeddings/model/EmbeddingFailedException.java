package io.github.iotembeddings.model;

/** The model could not embed a batch. */
public class EmbeddingFailedException extends RuntimeException {

	public EmbeddingFailedException(String message, Throwable cause) {
		super(message, cause);
	}

}
