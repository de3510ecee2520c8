package io.github.iotembeddings.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition until it holds: the tests' only way to wait. */
public final class Await {

	private Await() {
	}

	public static void until(Duration timeout, String what, BooleanSupplier condition) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError("interrupted waiting for " + what, ex);
			}
		}
	}

}
