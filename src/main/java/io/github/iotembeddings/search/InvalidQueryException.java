package io.github.iotembeddings.search;

/** A search the caller must change: an empty query, an unknown filter, a model other than the rows'. */
public class InvalidQueryException extends RuntimeException {

	public InvalidQueryException(String message) {
		super(message);
	}

}
