package io.github.iotembeddings.config;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.github.iotembeddings.common.Causes;
import io.github.iotembeddings.common.Messages;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.validation.FieldError;

/**
 * The one place settings are checked is their {@code @ConfigurationProperties} type; this turns what its
 * validation (or binding) rejected into one line naming the property, the option or variable that
 * sets it, and what is wrong, whichever source the value came from.
 */
public final class InvalidSettings {

	private static final Pattern SECRET = Pattern.compile("(?i).*(token|password|secret|key)$");

	private InvalidSettings() {
	}

	/**
	 * @param failure a failure of the application's start, with its causes
	 * @param optionFor the command-line option that sets a property, or null when none does
	 * @return the settings error to report, when a setting was rejected
	 */
	public static Optional<InvalidConfigurationException> recognise(Throwable failure,
			Function<String, @Nullable String> optionFor) {
		BindValidationException validation = Causes.find(failure, BindValidationException.class);
		if (validation != null) {
			String prefix = validation.getValidationErrors().getName().toString();
			String errors = validation.getValidationErrors()
				.getAllErrors()
				.stream()
				.map(error -> (error instanceof FieldError field)
						? describe(prefix + "." + kebab(field.getField()), optionFor, field.getRejectedValue(),
								field.getDefaultMessage())
						: error.getDefaultMessage())
				.collect(Collectors.joining("; "));
			return Optional.of(new InvalidConfigurationException(errors, failure));
		}
		BindException binding = Causes.find(failure, BindException.class);
		InvalidConfigurationException rule = (binding != null)
				? Causes.find(binding, InvalidConfigurationException.class) : null;
		if (rule != null) {
			// A rule between settings, checked by the settings type itself, words its own error.
			return Optional.of(rule);
		}
		if (binding != null) {
			// A value of the wrong type: the deepest cause says what could not be converted.
			return Optional.of(new InvalidConfigurationException(describe(binding.getName().toString(), optionFor, null,
					"cannot be read: " + Messages.ofRootCause(binding)), failure));
		}
		return Optional.empty();
	}

	private static String describe(String property, Function<String, @Nullable String> optionFor,
			@Nullable Object rejected, @Nullable String problem) {
		String variable = property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
		String option = optionFor.apply(property);
		// A secret's value is never repeated, even a rejected one.
		boolean secret = SECRET.matcher(property).matches();
		return property + " (" + ((option != null) ? option + ", " : "") + variable + ") " + problem
				+ ((rejected != null && !secret) ? ", not " + rejected : "");
	}

	private static String kebab(String field) {
		return field.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
	}

}
