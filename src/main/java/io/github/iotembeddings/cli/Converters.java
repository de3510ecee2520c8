package io.github.iotembeddings.cli;

import java.time.Instant;

import io.github.iotembeddings.search.InvalidQueryException;
import io.github.iotembeddings.search.SearchMode;
import io.github.iotembeddings.search.TimeBound;
import org.quartz.CronExpression;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** How option values are read where picocli's own converters do not fit the contract. */
final class Converters {

	private Converters() {
	}

	/**
	 * Whole numbers are decimal only (picocli's own converters read 010 as octal), with errors that say what is
	 * wrong. Named classes, not method references: a lambda implementing one of picocli's interfaces (class
	 * files of Java 5, left out of class-data sharing) crashes OpenJDK 17.0.15 when it writes the dynamic
	 * archive that scripts/iot-embeddings keeps.
	 */
	static void register(CommandLine commandLine) {
		commandLine.registerConverter(Long.class, new WholeNumber());
		commandLine.registerConverter(long.class, new WholeNumber());
		commandLine.registerConverter(Integer.class, new IntNumber());
		commandLine.registerConverter(int.class, new IntNumber());
	}

	static final class WholeNumber implements ITypeConverter<Long> {

		@Override
		public Long convert(String value) {
			return wholeNumber(value);
		}

	}

	static final class IntNumber implements ITypeConverter<Integer> {

		@Override
		public Integer convert(String value) {
			return intNumber(value);
		}

	}

	private static long wholeNumber(String value) {
		try {
			return Long.parseLong(value.strip());
		}
		catch (NumberFormatException ex) {
			throw new TypeConversionException("'" + value + "' is not a whole number");
		}
	}

	private static int intNumber(String value) {
		long number = wholeNumber(value);
		if (number != (int) number) {
			throw new TypeConversionException("'" + value + "' is out of range");
		}
		return (int) number;
	}

	/** A Quartz cron expression, checked while parsing so that a typo fails before the scheduler starts. */
	static final class QuartzCron implements ITypeConverter<String> {

		@Override
		public String convert(String value) {
			if (!CronExpression.isValidExpression(value)) {
				throw new TypeConversionException("'" + value + "' is not a Quartz cron expression (seconds first),"
						+ " e.g. \"0 * * * * ?\" for every minute");
			}
			return value;
		}

	}

	/** A search's time bound ({@link TimeBound}), read at parse time so a typo fails before anything connects. */
	static final class Mode implements ITypeConverter<SearchMode> {

		@Override
		public SearchMode convert(String value) {
			try {
				return SearchMode.parse(value);
			}
			catch (InvalidQueryException ex) {
				throw new TypeConversionException(ex.getMessage());
			}
		}

	}

	static final class SearchTime implements ITypeConverter<Instant> {

		@Override
		public Instant convert(String value) {
			try {
				return TimeBound.parse(value, Instant.now());
			}
			catch (InvalidQueryException ex) {
				throw new TypeConversionException(ex.getMessage());
			}
		}

	}

}
