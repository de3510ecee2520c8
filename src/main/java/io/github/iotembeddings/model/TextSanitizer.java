package io.github.iotembeddings.model;

import org.jspecify.annotations.Nullable;

/** Makes any Java string safe to hand to the native tokenizer. */
public final class TextSanitizer {

	private static final char REPLACEMENT = '\uFFFD';

	private TextSanitizer() {
	}

	/**
	 * @param text any text, possibly {@code null}
	 * @return the text with lone surrogates and NUL characters replaced by U+FFFD; {@code ""} for null
	 */
	public static String sanitize(@Nullable String text) {
		if (text == null) {
			return "";
		}
		StringBuilder clean = null;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			boolean pairedHigh = Character.isHighSurrogate(c) && i + 1 < text.length()
					&& Character.isLowSurrogate(text.charAt(i + 1));
			if (pairedHigh) {
				if (clean != null) {
					clean.append(c).append(text.charAt(i + 1));
				}
				i++;
				continue;
			}
			boolean bad = c == '\0' || Character.isSurrogate(c);
			if (bad && clean == null) {
				clean = new StringBuilder(text.length()).append(text, 0, i);
			}
			if (clean != null) {
				clean.append(bad ? REPLACEMENT : c);
			}
		}
		return (clean != null) ? clean.toString() : text;
	}

}
