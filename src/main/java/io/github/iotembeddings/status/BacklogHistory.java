package io.github.iotembeddings.status;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import io.github.iotembeddings.sync.Backlog;

/**
 * The backlog over time, for the console's chart: one point per interval (the latest measurement in it),
 * a bounded number of them, in memory. The figures come from the monitor's measurements, so keeping them
 * costs nothing; they start again when the process does, which a chart of the last hours can afford.
 */
public class BacklogHistory {

	private final long intervalMillis;

	private final int capacity;

	private final Deque<Point> points = new ArrayDeque<>();

	BacklogHistory(Duration interval, int capacity) {
		this.intervalMillis = interval.toMillis();
		this.capacity = capacity;
	}

	synchronized void record(Backlog backlog) {
		Point point = new Point(backlog.measuredAt().toEpochMilli() / 1000, backlog.pending().total(),
				backlog.lag().toSeconds());
		Point last = points.peekLast();
		if (last != null && point.epochSecond() < last.epochSecond()) {
			// Two threads measure (the timer, and the work after a run): an older figure that lands second is
			// dropped, so the chart's x values only grow.
			return;
		}
		if (last != null && point.epochSecond() * 1000 / intervalMillis == last.epochSecond() * 1000 / intervalMillis) {
			points.pollLast();
		}
		points.addLast(point);
		while (points.size() > capacity) {
			points.pollFirst();
		}
	}

	synchronized List<Point> points() {
		return List.copyOf(points);
	}

	/**
	 * @param epochSecond when it was measured
	 * @param pending events pending then
	 * @param lagSeconds how long the oldest pending work had waited
	 */
	public record Point(long epochSecond, long pending, long lagSeconds) {
	}

}
