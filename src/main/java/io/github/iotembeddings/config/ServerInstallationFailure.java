package io.github.iotembeddings.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.github.iotembeddings.common.Causes;
import io.github.iotembeddings.common.Messages;

/**
 * Recognises failures whose cause is the server's own installation, not the user's settings: a server
 * that cannot load one of its library files (typically because its package was upgraded while it ran,
 * so a new {@code plpgsql.so} or {@code vector.so} no longer links against the old process), or an
 * extension whose files on disk do not match what the database was created with. Such a failure is
 * reported as what it is, with a restart of the server as the fix, instead of the message of whichever
 * step happened to hit it first.
 */
public final class ServerInstallationFailure {

	/** Server messages (any locale-independent part of them) that only an installation problem gives. */
	private static final List<String> SIGNATURES = List.of("could not load library", "incompatible library",
			"undefined symbol", "could not access file \"$libdir/", "has no installation script nor update path",
			"could not open extension control file");

	private ServerInstallationFailure() {
	}

	/**
	 * @param failure any failure, with its causes
	 * @param server where the server is ({@code host:port/database}), for the message
	 * @return a one-line error naming the problem and the fix, when some cause is such a failure
	 */
	public static Optional<InvalidConfigurationException> recognise(Throwable failure, String server) {
		for (Throwable cause : Causes.chain(failure)) {
			// Our own messages may quote the server's; the server's own exception further down is the one to read.
			String message = (cause instanceof InvalidConfigurationException) ? "" : Messages.firstLine(cause.getMessage());
			if (!message.isEmpty() && isInstallationProblem(message)) {
				return Optional.of(new InvalidConfigurationException("the PostgreSQL server at " + server
						+ " cannot use its installed files (" + message + "): its packages were upgraded or changed"
						+ " after it started; restart the server (e.g. pg_ctlcluster <version> main restart) so it"
						+ " loads them, check that pgvector is installed for its major version, and run the command"
						+ " again", failure));
			}
		}
		return Optional.empty();
	}

	static boolean isInstallationProblem(String message) {
		String lower = message.toLowerCase(Locale.ROOT);
		return SIGNATURES.stream().anyMatch(lower::contains);
	}

}
