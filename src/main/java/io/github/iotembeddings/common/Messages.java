package io.github.iotembeddings.common;

import org.jspecify.annotations.Nullable;

/** Turns exception messages into the one line a user reads. */
public final class Messages {

	private Messages() {
	}

	/** @return the first line of {@code text}, stripped; empty for null or blank text */
	public static String firstLine(@Nullable String text) {
		if (text == null || text.isBlank()) {
			return "";
		}
		String stripped = text.strip();
		int newline = stripped.indexOf('\n');
		return (newline < 0) ? stripped : stripped.substring(0, newline).strip();
	}

	/** @return the first line of the failure's own message, or its type when it has none */
	public static String firstLine(Throwable failure) {
		String line = firstLine(failure.getMessage());
		return line.isEmpty() ? failure.getClass().getSimpleName() : line;
	}

	/** @return the first line of the deepest cause's message (the real cause), or its type */
	public static String ofRootCause(Throwable failure) {
		return firstLine(Causes.root(failure));
	}

}
