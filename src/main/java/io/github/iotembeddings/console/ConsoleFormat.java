package io.github.iotembeddings.console;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

import io.github.iotembeddings.common.Durations;
import io.github.iotembeddings.common.SecretRedactor;
import io.github.iotembeddings.config.AdminProperties;
import io.github.iotembeddings.config.ConnectionSettings;
import io.github.iotembeddings.config.SearchProperties;
import io.github.iotembeddings.events.EventTexts;
import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Figures as people read them, for the templates ({@code ${@fmt.age(...)}}), and text from elsewhere (exit
 * messages, errors) with the secrets masked, as the command line masks them.
 */
@Component("fmt")
@Profile("web")
class ConsoleFormat {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

	private final SecretRedactor redactor;

	ConsoleFormat(ConnectionSettings connection, AdminProperties admin, SearchProperties search) {
		this.redactor = SecretRedactor.of(Map.of()).with(connection.password()).with(admin.token()).with(search.token());
	}

	/** @return the text with the database password and the tokens masked; empty for null */
	public String safe(@Nullable String text) {
		return (text == null) ? "" : redactor.redact(text);
	}

	public String number(@Nullable Number value) {
		return (value == null) ? "-" : String.format(Locale.ROOT, "%,d", value.longValue());
	}

	public String decimal(@Nullable Number value) {
		return (value == null) ? "-" : String.format(Locale.ROOT, "%,.1f", value.doubleValue());
	}

	public String percent(double value) {
		return String.format(Locale.ROOT, "%.1f%%", value);
	}

	public String age(@Nullable Duration duration) {
		return (duration == null) ? "-" : Durations.human(duration);
	}

	public String since(@Nullable Instant instant) {
		return (instant == null) ? "-" : age(Duration.between(instant, Instant.now())) + " ago";
	}

	public String time(@Nullable Instant instant) {
		return (instant == null) ? "-" : TIME.format(instant.atZone(ZoneId.systemDefault()));
	}

	public String time(@Nullable LocalDateTime time) {
		return (time == null) ? "-" : TIME.format(time);
	}

	public String eventText(@Nullable String text) {
		return safe(EventTexts.readable(text));
	}

	public String bytes(long bytes) {
		return (bytes < 1024 * 1024) ? (bytes / 1024) + " KiB" : String.format(Locale.ROOT, "%,.1f MiB", bytes / 1048576.0);
	}

}
