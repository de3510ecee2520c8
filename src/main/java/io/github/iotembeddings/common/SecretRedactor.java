package io.github.iotembeddings.common;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Removes secrets from text before it is printed: the database password and every value whose name
 * looks secret ({@code *PASSWORD*}, {@code *SECRET*}, {@code *TOKEN*}, {@code *KEY*}), plus passwords
 * embedded in URLs.
 */
public final class SecretRedactor {

	private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(password|secret|token|key).*");

	private static final Pattern URL_PASSWORD = Pattern.compile("(://[^:/@\\s]+:)[^@\\s]+@");

	private static final String MASK = "****";

	private final List<String> secrets;

	private SecretRedactor(List<String> secrets) {
		this.secrets = secrets;
	}

	/**
	 * @param variables environment-style variables
	 * @return a redactor for every secret among them
	 */
	public static SecretRedactor of(Map<String, String> variables) {
		List<String> secrets = new ArrayList<>();
		variables.forEach((name, value) -> {
			// Very short values would mask ordinary words; a password that short is no secret anyway.
			if (SECRET_NAME.matcher(name).matches() && value != null && value.length() >= 4) {
				secrets.add(value);
			}
		});
		// Longest first, so a secret that contains another is masked whole.
		secrets.sort(Comparator.comparingInt(String::length).reversed());
		return new SecretRedactor(List.copyOf(secrets));
	}

	/**
	 * @param secret one more value to mask, or {@code null}
	 * @return a redactor that masks it too
	 */
	public SecretRedactor with(@Nullable String secret) {
		if (secret == null || secret.length() < 4 || secrets.contains(secret)) {
			return this;
		}
		List<String> more = new ArrayList<>(secrets);
		more.add(secret);
		more.sort(Comparator.comparingInt(String::length).reversed());
		return new SecretRedactor(List.copyOf(more));
	}

	/** @return the text with every secret masked */
	public String redact(String text) {
		String redacted = text;
		for (String secret : secrets) {
			redacted = redacted.replace(secret, MASK);
		}
		return URL_PASSWORD.matcher(redacted).replaceAll("$1" + MASK + "@");
	}

}
