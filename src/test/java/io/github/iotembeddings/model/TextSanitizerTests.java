package io.github.iotembeddings.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextSanitizerTests {

	@Test
	void keepsValidTextIncludingEmojiAsIs() {
		String text = "🔥 overheating — 温度 مستشعر";
		assertThat(TextSanitizer.sanitize(text)).isSameAs(text);
	}

	@Test
	void replacesLoneSurrogatesAndNulButKeepsPairs() {
		assertThat(TextSanitizer.sanitize("a\uD83Db\u0000c\uDC00🔋")).isEqualTo("a\uFFFDb\uFFFDc\uFFFD🔋");
		assertThat(TextSanitizer.sanitize("end\uD83D")).isEqualTo("end\uFFFD");
	}

	@Test
	void nullIsTheEmptyText() {
		assertThat(TextSanitizer.sanitize(null)).isEmpty();
	}

}
