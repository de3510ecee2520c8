package io.github.iotembeddings.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Where the database is and how to log in, resolved from {@code DATABASE_URL}, {@code DATABASE_USER}
 * and {@code DATABASE_PASSWORD}.
 *
 * <p>{@code DATABASE_URL} may be a JDBC URL or the {@code postgresql://user:pass@host:port/db} form that
 * Supabase shows. Credentials found inside the URL are moved out of it, so {@link #jdbcUrl()} never
 * carries a password and can be logged. {@link #toString()} never shows the password.
 *
 * @param jdbcUrl a {@code jdbc:postgresql://} URL without credentials
 * @param user the login role, or {@code null} to let the driver decide
 * @param password the password, or {@code null} for password-less authentication
 */
public record ConnectionSettings(String jdbcUrl, @Nullable String user, @Nullable String password) {

	static final String URL_VARIABLE = "DATABASE_URL";

	static final String USER_VARIABLE = "DATABASE_USER";

	static final String PASSWORD_VARIABLE = "DATABASE_PASSWORD";

	/**
	 * Resolves the settings from environment-style variables.
	 * @param variables the variables ({@code DATABASE_URL} etc.)
	 * @return the settings
	 * @throws InvalidConfigurationException when the URL is missing or malformed
	 */
	public static ConnectionSettings from(Map<String, String> variables) {
		String url = blankToNull(variables.get(URL_VARIABLE));
		if (url == null) {
			throw new InvalidConfigurationException(URL_VARIABLE
					+ " is not set: export it (or put it in .env), e.g. postgresql://user@host:5432/postgres,"
					+ " or run scripts/run-local.sh to provision a local database");
		}
		ConnectionSettings fromUrl = url.startsWith("jdbc:") ? fromJdbcUrl(url) : fromPostgresUri(url);
		String user = blankToNull(variables.get(USER_VARIABLE));
		String password = variables.get(PASSWORD_VARIABLE);
		return new ConnectionSettings(fromUrl.jdbcUrl(), user != null ? user : fromUrl.user(),
				(password != null && !password.isEmpty()) ? password : fromUrl.password());
	}

	private static ConnectionSettings fromJdbcUrl(String url) {
		if (!url.startsWith("jdbc:postgresql:")) {
			throw new InvalidConfigurationException(
					URL_VARIABLE + " must be a jdbc:postgresql:// or postgresql:// URL, not " + scheme(url));
		}
		int query = url.indexOf('?');
		if (query < 0) {
			return new ConnectionSettings(url, null, null);
		}
		String user = null;
		String password = null;
		List<String> kept = new ArrayList<>();
		for (String parameter : url.substring(query + 1).split("&")) {
			String name = parameter.contains("=") ? parameter.substring(0, parameter.indexOf('=')) : parameter;
			String value = parameter.contains("=") ? decode(parameter.substring(parameter.indexOf('=') + 1)) : "";
			if (name.equalsIgnoreCase("user")) {
				user = value;
			}
			else if (name.equalsIgnoreCase("password")) {
				password = value;
			}
			else if (!parameter.isEmpty()) {
				kept.add(parameter);
			}
		}
		String base = url.substring(0, query);
		return new ConnectionSettings(kept.isEmpty() ? base : base + "?" + String.join("&", kept), user, password);
	}

	private static ConnectionSettings fromPostgresUri(String url) {
		if (!url.startsWith("postgresql://") && !url.startsWith("postgres://")) {
			throw new InvalidConfigurationException(
					URL_VARIABLE + " must be a jdbc:postgresql:// or postgresql:// URL, not " + scheme(url));
		}
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException ex) {
			// The message would echo the URL, password included: say where, not what.
			throw new InvalidConfigurationException(URL_VARIABLE + " is not a valid URL (error at character "
					+ ex.getIndex() + "); percent-encode special characters in the password");
		}
		if (uri.getHost() == null) {
			throw new InvalidConfigurationException(URL_VARIABLE + " has no host: expected postgresql://user:pass@host:port/db");
		}
		String user = null;
		String password = null;
		String userInfo = uri.getRawUserInfo();
		if (userInfo != null) {
			int colon = userInfo.indexOf(':');
			user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
			password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
		}
		String database = (uri.getRawPath() == null || uri.getRawPath().length() <= 1) ? "postgres"
				: uri.getRawPath().substring(1);
		String jdbcUrl = "jdbc:postgresql://" + uri.getHost() + ":" + (uri.getPort() > 0 ? uri.getPort() : 5432) + "/"
				+ database + (uri.getRawQuery() != null ? "?" + uri.getRawQuery() : "");
		return new ConnectionSettings(jdbcUrl, blankToNull(user), password);
	}

	/** The URL's scheme only, so an error message never repeats credentials. */
	private static String scheme(String url) {
		int colon = url.indexOf(':');
		return colon < 0 ? "a URL without a scheme" : "'" + url.substring(0, colon) + ":'";
	}

	private static String decode(String value) {
		return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

	/** @return {@code host:port/database} for messages, without credentials or parameters */
	public String describe() {
		String rest = jdbcUrl.substring("jdbc:postgresql://".length());
		int query = rest.indexOf('?');
		return query < 0 ? rest : rest.substring(0, query);
	}

	@Override
	public String toString() {
		return "ConnectionSettings[url=" + jdbcUrl + ", user=" + user + ", password="
				+ (password == null ? "none" : "****") + "]";
	}

}
