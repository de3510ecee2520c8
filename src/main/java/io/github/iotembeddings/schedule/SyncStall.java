package io.github.iotembeddings.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Whether syncs are stalled, since when, and why.
 *
 * @param stalled whether they are
 * @param since when the last sync ended without failing (or the stuck pass last moved)
 * @param cause why
 * @param because the reason in words, with its details
 * @param restartCures whether restarting the process cures it: liveness is DOWN exactly then
 */
public record SyncStall(boolean stalled, @Nullable Instant since, Cause cause, String because, boolean restartCures) {

	static final SyncStall NONE = new SyncStall(false, null, Cause.NONE, "", false);

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
		.withZone(ZoneId.systemDefault());

	/** @return "stalled since 2026-12-06 10:00:00 (12 min), because ..." or "running" */
	public String describe() {
		if (!stalled || since == null) {
			return "running";
		}
		long minutes = Duration.between(since, Instant.now()).toMinutes();
		return String.format(Locale.ROOT, "stalled since %s (%d min), because %s", TIME.format(since), minutes, because);
	}

	/** @return how long they have been stalled, in seconds; 0 when they are not */
	public double seconds() {
		return (stalled && since != null) ? Duration.between(since, Instant.now()).toMillis() / 1000.0 : 0;
	}

	/** Why syncs stalled. */
	public enum Cause {

		/** They are not stalled. */
		NONE,

		/** The database does not answer: readiness is DOWN; a restart would not bring it back. */
		DATABASE_UNREACHABLE,

		/** The schema needs {@code migrate}: readiness is DOWN. */
		NOT_MIGRATED,

		/** A pass stopped showing progress: a restart cures it. */
		STUCK_THREAD,

		/** Every connection of the pool is taken and threads wait: a restart cures it. */
		POOL_EXHAUSTED,

		/** Syncs run and fail (a lock held, a bad setting): a restart would fail the same way. */
		SYNCS_FAILING,

		/** No sync runs at all: the scheduler stopped firing; a restart cures it. */
		NOT_FIRING;

		/** @return the metric label, e.g. {@code stuck_thread} */
		public String label() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
