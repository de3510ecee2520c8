package io.github.iotembeddings.search;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bound of a search's time range as people write it: an instant ({@code 2026-12-01T08:00:00Z}, or with an
 * offset), a date ({@code 2026-12-01}, midnight UTC), or an age back from now ({@code 30m}, {@code 24h},
 * {@code 7d}, or ISO-8601 such as {@code PT90M}).
 */
public final class TimeBound {

	private static final Pattern AGE = Pattern.compile("(\\d{1,9})\\s*(s|m|h|d|w)");

	private TimeBound() {
	}

	/**
	 * @param value what was written
	 * @param now the instant an age counts back from
	 * @return the instant it names
	 * @throws InvalidQueryException when it is none of the forms above
	 */
	public static Instant parse(String value, Instant now) {
		String text = value.strip().toLowerCase(Locale.ROOT);
		Matcher age = AGE.matcher(text);
		if (age.matches()) {
			long amount = Long.parseLong(age.group(1));
			Duration unit = switch (age.group(2)) {
				case "s" -> Duration.ofSeconds(1);
				case "m" -> Duration.ofMinutes(1);
				case "h" -> Duration.ofHours(1);
				case "d" -> Duration.ofDays(1);
				default -> Duration.ofDays(7);
			};
			return now.minus(unit.multipliedBy(amount));
		}
		try {
			if (text.startsWith("p")) {
				return now.minus(Duration.parse(value.strip()));
			}
			if (text.length() == 10) {
				return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
			}
			return OffsetDateTime.parse(value.strip()).toInstant();
		}
		catch (DateTimeParseException | ArithmeticException ex) {
			throw new InvalidQueryException("'" + value + "' is not a time: use an instant such as 2026-12-01T08:00:00Z,"
					+ " a date such as 2026-12-01, or an age such as 30m, 24h, 7d");
		}
	}

}
