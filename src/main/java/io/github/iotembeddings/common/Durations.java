package io.github.iotembeddings.common;

import java.time.Duration;

/** How long something took or has lasted, in the one format the command line and the console share. */
public final class Durations {

	private Durations() {
	}

	/**
	 * @param duration a duration (its sign is ignored)
	 * @return {@code 45 s}, {@code 12 min}, {@code 3 h 5 min} or {@code 4 d}
	 */
	public static String human(Duration duration) {
		long seconds = Math.abs(duration.toSeconds());
		if (seconds < 120) {
			return seconds + " s";
		}
		if (seconds < 7_200) {
			return seconds / 60 + " min";
		}
		if (seconds < 172_800) {
			return seconds / 3_600 + " h " + (seconds % 3_600) / 60 + " min";
		}
		return seconds / 86_400 + " d";
	}

}
