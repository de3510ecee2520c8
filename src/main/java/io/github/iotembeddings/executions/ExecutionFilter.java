package io.github.iotembeddings.executions;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.BatchStatus;

/**
 * Which executions of the embedding job to list; every part is optional.
 *
 * @param status a Batch status name (FAILED, COMPLETED, ...)
 * @param mode the mode the execution's instance was launched in, one of {@link #MODES}; a restart keeps
 * the mode of the execution it resumed
 * @param from only executions that started on or after this day (the JVM's zone, as Batch records times)
 * @param to only executions that started on or before this day
 */
public record ExecutionFilter(@Nullable String status, @Nullable String mode, @Nullable LocalDate from,
		@Nullable LocalDate to) {

	/** No filter: every execution. */
	public static final ExecutionFilter NONE = new ExecutionFilter(null, null, null, null);

	/**
	 * The values of the {@code mode} job parameter: what {@code run.PassRequest.Mode} records (a test keeps
	 * them the same). A restart records none of its own.
	 */
	public static final List<String> MODES = List.of("backfill", "sync", "schedule", "reconcile");

	/** The Batch statuses, by name. */
	public static final List<String> STATUSES = Arrays.stream(BatchStatus.values()).map(BatchStatus::name).toList();

	public ExecutionFilter {
		if (status != null && !STATUSES.contains(status)) {
			throw new InvalidFilterException("status " + status + " is not a Batch status: use one of "
					+ String.join(", ", STATUSES));
		}
		if (mode != null && !MODES.contains(mode)) {
			throw new InvalidFilterException("mode " + mode + " is not a mode: use one of " + String.join(", ", MODES));
		}
		if (from != null && to != null && from.isAfter(to)) {
			throw new InvalidFilterException("from " + from + " is after to " + to + ": swap them");
		}
	}

	/**
	 * Parses a filter as a form or a query string gives it: a blank or missing value means none.
	 * @param status a Batch status name, in any case
	 * @param mode one of {@link #MODES}, in any case
	 * @param from a day, {@code yyyy-MM-dd}
	 * @param to a day, {@code yyyy-MM-dd}, not before {@code from}
	 * @return the filter
	 * @throws InvalidFilterException naming the value to fix
	 */
	public static ExecutionFilter of(@Nullable String status, @Nullable String mode, @Nullable String from,
			@Nullable String to) {
		return new ExecutionFilter(upper(status), lower(mode), day("from", from), day("to", to));
	}

	/** @return whether it lets every execution through */
	public boolean isEmpty() {
		return status == null && mode == null && from == null && to == null;
	}

	private static @Nullable String upper(@Nullable String value) {
		return isBlank(value) ? null : value.strip().toUpperCase(Locale.ROOT);
	}

	private static @Nullable String lower(@Nullable String value) {
		return isBlank(value) ? null : value.strip().toLowerCase(Locale.ROOT);
	}

	private static @Nullable LocalDate day(String name, @Nullable String value) {
		if (isBlank(value)) {
			return null;
		}
		try {
			return LocalDate.parse(value.strip());
		}
		catch (DateTimeParseException ex) {
			throw new InvalidFilterException(name + " " + value.strip() + " is not a day: use yyyy-MM-dd, e.g. 2026-12-01");
		}
	}

	private static boolean isBlank(@Nullable String value) {
		return value == null || value.isBlank();
	}

}
