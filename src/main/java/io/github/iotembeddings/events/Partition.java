package io.github.iotembeddings.events;

import org.jspecify.annotations.Nullable;

/**
 * A disjoint share of the events, for runs spread over several processes (the pods of a Kubernetes
 * Indexed Job): event {@code id} belongs to partition {@code id mod count}. The modulo of the id is
 * stable (an event never changes partition), needs no coordination between the processes, and splits
 * sequential ids evenly.
 *
 * @param index this share, from 0 to count - 1
 * @param count how many shares
 */
public record Partition(int index, int count) {

	/** Every event: the run is not partitioned. */
	public static final Partition WHOLE = new Partition(0, 1);

	/** Enough for any cluster; keeps the advisory-lock key of a partition in one int. */
	public static final int MAX_COUNT = 1024;

	public Partition {
		if (count < 1 || count > MAX_COUNT || index < 0 || index >= count) {
			throw new IllegalArgumentException("partition " + index + "/" + count + " is out of range");
		}
	}

	/**
	 * @param text {@code I/N}, e.g. {@code 0/3}
	 * @return the partition
	 * @throws IllegalArgumentException when it is not two numbers with 0 <= I < N <= {@value #MAX_COUNT}
	 */
	public static Partition parse(String text) {
		String[] parts = text.split("/", -1);
		try {
			if (parts.length == 2) {
				return new Partition(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
			}
		}
		catch (IllegalArgumentException ex) {
			// reported below
		}
		throw new IllegalArgumentException("--partition '" + text + "' must be I/N with 0 <= I < N <= " + MAX_COUNT
				+ ", e.g. --partition=0/3");
	}

	/**
	 * @param parameter a run's {@code partition} job parameter, absent when the run is not partitioned
	 * @return the partition it names; the whole when absent
	 */
	public static Partition ofParameter(@Nullable String parameter) {
		return (parameter != null) ? parse(parameter) : WHOLE;
	}

	public boolean isWhole() {
		return count == 1;
	}

	/**
	 * @param column an expression giving an event id
	 * @return the SQL condition on it for this share; {@code true} for the whole
	 */
	public String condition(String column) {
		// ((id % n) + n) % n: PostgreSQL's % keeps the sign of a negative id.
		return isWhole() ? "true" : "((" + column + " % " + count + ") + " + count + ") % " + count + " = " + index;
	}

	/** @return a job-parameter value, {@code I/N} */
	@Override
	public String toString() {
		return index + "/" + count;
	}

}
