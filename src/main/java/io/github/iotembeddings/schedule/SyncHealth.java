package io.github.iotembeddings.schedule;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * {@code sync}, in the liveness group: DOWN exactly when syncs are stalled for a reason a restart cures
 * ({@link SyncStall#restartCures()}): a stuck pass, an exhausted pool, a scheduler that stopped firing.
 * A database outage, a lock held elsewhere or a paused schedule leave it UP, with the stall in its details:
 * restarting would not help, and readiness (or the console) says what is wrong.
 */
@Component("sync")
@Profile("schedule")
class SyncHealth implements HealthIndicator {

	private final SyncWatchdog watchdog;

	SyncHealth(SyncWatchdog watchdog) {
		this.watchdog = watchdog;
	}

	@Override
	public Health health() {
		SyncStall stall = watchdog.current();
		if (!stall.stalled()) {
			return Health.up().build();
		}
		Health.Builder health = stall.restartCures() ? Health.down() : Health.up();
		return health.withDetail("stalled", stall.describe()).withDetail("cause", stall.cause().label()).build();
	}

}
