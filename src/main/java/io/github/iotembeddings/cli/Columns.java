package io.github.iotembeddings.cli;

import org.jspecify.annotations.Nullable;

/** Cell formatting shared by the commands that print tables. */
final class Columns {

	private Columns() {
	}

	static String orDash(@Nullable Object value) {
		return (value != null) ? value.toString() : "-";
	}

	/** @return the text, cut to {@code max} characters with an ellipsis when longer */
	static String abbreviate(String text, int max) {
		return (text.length() <= max) ? text : text.substring(0, max - 3) + "...";
	}

}
