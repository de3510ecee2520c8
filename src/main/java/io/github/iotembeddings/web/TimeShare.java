package io.github.iotembeddings.web;

/**
 * A budget of request time: credit, in nanoseconds of requests being served, that grows by {@code share}
 * of the wall clock up to {@code burst}, and that each request served spends. Pure and clocked by its
 * caller. A request is admitted while credit is left, so one request may overdraw it; the debt is bounded
 * by {@code burst}, so a long request never locks the others out for longer than a burst takes to earn.
 */
final class TimeShare {

	private final double share;

	private final long burst;

	private double credit;

	private long earnedAt;

	/**
	 * @param share request time earned per unit of wall time (0.25: a quarter of a second each second)
	 * @param burstNanos the most credit, and the most debt, held at once
	 * @param now the clock's reading now, in nanoseconds
	 */
	TimeShare(double share, long burstNanos, long now) {
		if (!(share > 0) || burstNanos <= 0) {
			throw new IllegalArgumentException("share and burst must be positive");
		}
		this.share = share;
		this.burst = burstNanos;
		this.credit = burstNanos;
		this.earnedAt = now;
	}

	/** @return whether a request may start now: some credit is left */
	synchronized boolean admits(long now) {
		earn(now);
		return credit > 0;
	}

	/** Spends what a request took. */
	synchronized void spend(long now, long nanos) {
		earn(now);
		credit = Math.max(-burst, credit - nanos);
	}

	private void earn(long now) {
		credit = Math.min(burst, credit + (now - earnedAt) * share);
		earnedAt = now;
	}

}
