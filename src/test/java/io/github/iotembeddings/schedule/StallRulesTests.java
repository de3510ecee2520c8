package io.github.iotembeddings.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.github.iotembeddings.run.PassActivity;
import io.github.iotembeddings.run.PassRequest;
import io.github.iotembeddings.status.DatabaseProbe;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Each reason syncs stall, and which of them a restart cures (liveness DOWN). */
class StallRulesTests {

	private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

	private static final Duration STALL = Duration.ofMinutes(10);

	private static final DatabaseProbe.State UP = new DatabaseProbe.State(true, true, null, NOW.minusSeconds(3600), NOW);

	private static final DatabaseProbe.State UNREACHABLE = new DatabaseProbe.State(false, false,
			"the database does not answer: Connection refused", NOW.minusSeconds(900), NOW);

	private static final DatabaseProbe.State UNMIGRATED = new DatabaseProbe.State(true, false,
			"the schema is not migrated for this version: run the migrate command", NOW.minusSeconds(900), NOW);

	@Test
	void recentSyncsOrNothingPendingAreNoStall() {
		assertThat(judge(UP, List.of(), NOW.minusSeconds(30), true, false, null).stalled()).isFalse();
		assertThat(judge(UP, List.of(), NOW.minusSeconds(3600), false, false, null).stalled()).isFalse();
	}

	@Test
	void aPassWithoutProgressIsAStuckThreadWhichARestartCures() {
		PassActivity.InProgress stuck = pass(NOW.minus(STALL).minusSeconds(1));
		SyncStall stall = judge(UP, List.of(stuck), NOW.minusSeconds(30), true, false, null);
		assertThat(stall.cause()).isEqualTo(SyncStall.Cause.STUCK_THREAD);
		assertThat(stall.restartCures()).isTrue();
		assertThat(stall.because()).contains("has shown no progress").contains(Thread.currentThread().getName());
	}

	@Test
	void aPassWithoutProgressWhileTheDatabaseIsGoneIsTheDatabasesFault() {
		PassActivity.InProgress stuck = pass(NOW.minus(STALL).minusSeconds(1));
		SyncStall stall = judge(UNREACHABLE, List.of(stuck), NOW.minusSeconds(30), true, false, null);
		assertThat(stall.cause()).isEqualTo(SyncStall.Cause.DATABASE_UNREACHABLE);
		assertThat(stall.restartCures()).isFalse();
	}

	@Test
	void aSlowPassThatShowsProgressIsNoStall() {
		PassActivity.InProgress working = pass(NOW.minusSeconds(5));
		assertThat(judge(UP, List.of(working), NOW.minus(STALL).minusSeconds(60), true, false, null).stalled()).isFalse();
	}

	@Test
	void anOutageOrAMissingMigrationLeavesLivenessUp() {
		SyncStall outage = judge(UNREACHABLE, List.of(), NOW.minus(STALL).minusSeconds(1), true, false, null);
		assertThat(outage.cause()).isEqualTo(SyncStall.Cause.DATABASE_UNREACHABLE);
		assertThat(outage.restartCures()).isFalse();
		assertThat(outage.describe()).startsWith("stalled since").contains("because the database does not answer");
		SyncStall unmigrated = judge(UNMIGRATED, List.of(), NOW.minus(STALL).minusSeconds(1), true, false, null);
		assertThat(unmigrated.cause()).isEqualTo(SyncStall.Cause.NOT_MIGRATED);
		assertThat(unmigrated.restartCures()).isFalse();
	}

	@Test
	void aPausedScheduleIsNoStall() {
		assertThat(judge(UP, List.of(), NOW.minus(STALL).minusSeconds(1), true, true, null).stalled()).isFalse();
	}

	@Test
	void aPoolExhaustedForTheStallTimeIsCuredByARestart() {
		SyncStall stall = judge(UP, List.of(), NOW.minus(STALL).minusSeconds(1), true, false, NOW.minus(STALL));
		assertThat(stall.cause()).isEqualTo(SyncStall.Cause.POOL_EXHAUSTED);
		assertThat(stall.restartCures()).isTrue();
		SyncStall briefly = judge(UP, List.of(), NOW.minus(STALL).minusSeconds(1), true, false, NOW.minusSeconds(10));
		assertThat(briefly.cause()).as("exhausted only briefly").isNotEqualTo(SyncStall.Cause.POOL_EXHAUSTED);
	}

	@Test
	void failingSyncsAreReportedButARestartWouldFailTheSameWay() {
		Instant lastSync = NOW.minus(STALL).minusSeconds(1);
		SyncStall stall = StallRules.judge(new StallRules.Observation(NOW, STALL, UP, List.of(), lastSync,
				NOW.minusSeconds(20), "sync failed: blocked by pid 42 (...)", true, false, null, 10));
		assertThat(stall.cause()).isEqualTo(SyncStall.Cause.SYNCS_FAILING);
		assertThat(stall.restartCures()).isFalse();
		assertThat(stall.because()).contains("blocked by pid 42");
	}

	@Test
	void noSyncAtAllWhileTheDatabaseAnswersIsASchedulerThatStoppedFiring() {
		SyncStall stall = judge(UP, List.of(), NOW.minus(STALL).minusSeconds(1), true, false, null);
		assertThat(stall.cause()).isEqualTo(SyncStall.Cause.NOT_FIRING);
		assertThat(stall.restartCures()).isTrue();
	}

	private static PassActivity.InProgress pass(Instant lastBeat) {
		return new PassActivity.InProgress(PassRequest.Mode.SCHEDULED_SYNC, Thread.currentThread(),
				lastBeat.minusSeconds(60), lastBeat);
	}

	private static SyncStall judge(DatabaseProbe.State db, List<PassActivity.InProgress> passes, Instant lastSync,
			boolean pending, boolean paused, @Nullable Instant poolExhaustedSince) {
		return StallRules.judge(new StallRules.Observation(NOW, STALL, db, passes, lastSync, null, null, pending, paused,
				poolExhaustedSince, 10));
	}

}
