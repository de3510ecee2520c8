package io.github.iotembeddings.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import io.github.iotembeddings.common.Messages;
import io.github.iotembeddings.run.PassActivity;
import io.github.iotembeddings.status.DatabaseProbe;
import org.jspecify.annotations.Nullable;

/**
 * When syncs are stalled, why, and whether a restart cures it: pure rules over one observation, so each
 * case is tested without a process to break (StallRulesTests), and {@link SyncWatchdog} only gathers.
 */
final class StallRules {

	private StallRules() {
	}

	/**
	 * What the watchdog sees at one moment.
	 *
	 * @param now the moment
	 * @param stallTime {@code embeddings.health.stall-time}
	 * @param db the database probe's latest result
	 * @param passes the passes in progress
	 * @param lastSync when a sync last ended without failing (or the process started)
	 * @param lastFailure when a pass last failed, or null
	 * @param lastFailureCause why, or null
	 * @param pending whether events wait (true when the backlog cannot be measured)
	 * @param paused whether the schedule is paused
	 * @param poolExhaustedSince since when every pool connection is taken with threads waiting, or null
	 * @param poolSize the pool's size
	 */
	record Observation(Instant now, Duration stallTime, DatabaseProbe.State db, List<PassActivity.InProgress> passes,
			Instant lastSync, @Nullable Instant lastFailure, @Nullable String lastFailureCause, boolean pending,
			boolean paused, @Nullable Instant poolExhaustedSince, int poolSize) {
	}

	static SyncStall judge(Observation o) {
		for (PassActivity.InProgress pass : o.passes()) {
			if (longerThan(pass.lastMoved(), o.now(), o.stallTime())) {
				return !o.db().reachable() ? unreachable(pass.lastMoved(), o.db())
						: new SyncStall(true, pass.lastMoved(), SyncStall.Cause.STUCK_THREAD,
								"a " + pass.mode().recordedAs() + " pass on thread '" + pass.thread().getName()
										+ "' has shown no progress since then (" + where(pass.thread()) + ")",
								true);
			}
		}
		if (!o.pending() || !longerThan(o.lastSync(), o.now(), o.stallTime())) {
			return SyncStall.NONE;
		}
		if (!o.db().reachable()) {
			return unreachable(o.lastSync(), o.db());
		}
		if (!o.db().migrated()) {
			return new SyncStall(true, o.lastSync(), SyncStall.Cause.NOT_MIGRATED, String.valueOf(o.db().problem()), false);
		}
		if (o.paused()) {
			return SyncStall.NONE;
		}
		if (o.poolExhaustedSince() != null && longerThan(o.poolExhaustedSince(), o.now(), o.stallTime())) {
			return new SyncStall(true, o.lastSync(), SyncStall.Cause.POOL_EXHAUSTED, "all " + o.poolSize()
					+ " connections of the pool have been in use, with threads waiting for one, since "
					+ o.poolExhaustedSince(), true);
		}
		if (!o.passes().isEmpty()) {
			// A pass that shows progress is working: a long one is slow, not stalled.
			return SyncStall.NONE;
		}
		if (o.lastFailure() != null && o.lastFailure().isAfter(o.lastSync())) {
			return new SyncStall(true, o.lastSync(), SyncStall.Cause.SYNCS_FAILING,
					"the latest pass failed at " + o.lastFailure() + ": " + o.lastFailureCause(), false);
		}
		return new SyncStall(true, o.lastSync(), SyncStall.Cause.NOT_FIRING,
				"no sync has run in this process since then, and none is running", true);
	}

	private static boolean longerThan(Instant since, Instant now, Duration span) {
		return Duration.between(since, now).compareTo(span) >= 0;
	}

	private static SyncStall unreachable(Instant since, DatabaseProbe.State db) {
		return new SyncStall(true, since, SyncStall.Cause.DATABASE_UNREACHABLE, String.valueOf(db.problem()), false);
	}

	/** @return the top of a thread's stack, where it waits: enough to tell a socket read from a lock */
	private static String where(Thread thread) {
		String top = Arrays.stream(thread.getStackTrace())
			.limit(3)
			.map(frame -> frame.getClassName().substring(frame.getClassName().lastIndexOf('.') + 1) + "."
					+ frame.getMethodName())
			.reduce((a, b) -> a + " < " + b)
			.orElse("no stack");
		return thread.getState() + " in " + Messages.firstLine(top);
	}

}
