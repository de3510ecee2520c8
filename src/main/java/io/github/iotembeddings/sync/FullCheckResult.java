package io.github.iotembeddings.sync;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import io.github.iotembeddings.events.Partition;

/**
 * What a full check found.
 *
 * @param partition the share it checked ('' for all events)
 * @param model the model it checked against
 * @param startedAt when it started
 * @param finishedAt when it ended
 * @param events events checked
 * @param missing events with no embedding
 * @param staleText embeddings of a text that has changed since
 * @param otherModel embeddings made by another model
 * @param orphans embeddings whose event is gone
 * @param queued events it put in the change queue (those not queued or failing already)
 */
public record FullCheckResult(String partition, String model, Instant startedAt, Instant finishedAt, long events,
		long missing, long staleText, long otherModel, long orphans, long queued) {

	public Duration duration() {
		return Duration.between(startedAt, finishedAt);
	}

	/** @return embeddings that are not current: another model, or an older text */
	public long stale() {
		return staleText + otherModel;
	}

	String summary() {
		double seconds = Math.max(duration().toMillis(), 1) / 1000.0;
		return String.format(Locale.ROOT,
				"full check%s: %,d events in %.1f s (%.0f events/s): %,d missing, %,d with a changed text, %,d from another"
						+ " model, %,d embeddings without an event; %,d queued for the next sync",
				partition.isEmpty() ? "" : " of partition " + partition, events, seconds, events / seconds, missing,
				staleText, otherModel, orphans, queued);
	}

	Map<String, Object> parameters() {
		Map<String, Object> parameters = new HashMap<>();
		parameters.put("partition", partition);
		parameters.put("model", model);
		parameters.put("startedAt", Timestamp.from(startedAt));
		parameters.put("finishedAt", Timestamp.from(finishedAt));
		parameters.put("events", events);
		parameters.put("missing", missing);
		parameters.put("staleText", staleText);
		parameters.put("otherModel", otherModel);
		parameters.put("orphans", orphans);
		parameters.put("queued", queued);
		return parameters;
	}

	/** Adds up the slices, from several threads. */
	static final class Tally {

		private long events;

		private long missing;

		private long staleText;

		private long otherModel;

		private long orphans;

		private long queued;

		synchronized void add(Map<String, Object> slice) {
			events += number(slice, "events");
			missing += number(slice, "missing");
			staleText += number(slice, "stale_text");
			otherModel += number(slice, "other_model");
			orphans += number(slice, "orphans");
			queued += number(slice, "queued");
		}

		synchronized long events() {
			return events;
		}

		synchronized FullCheckResult result(Partition partition, String model, Instant startedAt, Instant finishedAt) {
			return new FullCheckResult(partition.isWhole() ? "" : partition.toString(), model, startedAt, finishedAt, events,
					missing, staleText, otherModel, orphans, queued);
		}

		private static long number(Map<String, Object> row, String column) {
			return (row.get(column) instanceof Number number) ? number.longValue() : 0;
		}

	}

}
