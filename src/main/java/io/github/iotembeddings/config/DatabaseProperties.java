package io.github.iotembeddings.config;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.validation.annotation.Validated;

/**
 * The bounds on every wait for the database (docs/RELIABILITY.md). Each connection of the tool gets
 * them: the client's connect and read timeouts and TCP keepalive, and the server's per-session
 * timeouts and keepalive, so that neither side waits for ever on a flow that went silent.
 *
 * @param connectTimeout how long opening a connection (TCP and login) may take
 * @param socketTimeout how long the client waits for any answer from the server before it gives the
 * connection up; longer than {@code statementTimeout}, so a slow statement is ended by the server, with
 * its own error, rather than by the client
 * @param statementTimeout the server's bound on one statement ({@code statement_timeout})
 * @param lockTimeout the server's bound on one wait for a lock ({@code lock_timeout}); the sync that meets
 * it fails naming the session that held the lock, and the next one tries again
 * @param idleInTransactionTimeout the server ends a session left idle inside a transaction this long
 * ({@code idle_in_transaction_session_timeout}), releasing its locks, e.g. a client that vanished
 * mid-chunk
 * @param longStatementTimeout the bound of the statements that legitimately run long (index builds, full
 * check slices, {@code validate}'s scans, history purges, {@code analyze}); set for them alone
 * @param keepaliveIdle TCP keepalive on both ends: silence before the first probe
 * ({@code tcp_keepalives_idle} on the server)
 * @param keepaliveInterval between probes ({@code tcp_keepalives_interval})
 * @param keepaliveCount unanswered probes before the flow is given up ({@code tcp_keepalives_count})
 * @param lockSessionTimeout the sessions that hold the run's advisory locks send a heartbeat a few times
 * in this span, and the server ends one silent for longer ({@code idle_session_timeout}), so a lock held
 * by a client that lost its network is released within this time
 * @param poolSize connections of the job's pool
 * @param poolWait how long a thread waits for a free connection of the pool
 */
@ConfigurationProperties("embeddings.database")
@Validated
public record DatabaseProperties(@DefaultValue("10s") @DurationMin(seconds = 1) Duration connectTimeout,
		@DefaultValue("75s") @DurationMin(seconds = 1) Duration socketTimeout,
		@DefaultValue("60s") @DurationMin(millis = 100) Duration statementTimeout,
		@DefaultValue("20s") @DurationMin(millis = 100) Duration lockTimeout,
		@DefaultValue("60s") @DurationMin(seconds = 1) Duration idleInTransactionTimeout,
		@DefaultValue("6h") @DurationMin(seconds = 1) Duration longStatementTimeout,
		@DefaultValue("30s") @DurationMin(seconds = 1) Duration keepaliveIdle,
		@DefaultValue("10s") @DurationMin(seconds = 1) Duration keepaliveInterval,
		@DefaultValue("3") @Min(1) @Max(100) int keepaliveCount,
		@DefaultValue("60s") @DurationMin(seconds = 4) Duration lockSessionTimeout,
		@DefaultValue("10") @Min(6) @Max(200) int poolSize, @DefaultValue("15s") @DurationMin(seconds = 1) Duration poolWait) {

	/** The property prefix. */
	public static final String PREFIX = "embeddings.database";

	public DatabaseProperties {
		if (socketTimeout.compareTo(statementTimeout) <= 0) {
			throw new InvalidConfigurationException(PREFIX + ".socket-timeout (EMBEDDINGS_DATABASE_SOCKET_TIMEOUT) must be"
					+ " longer than " + PREFIX + ".statement-timeout (EMBEDDINGS_DATABASE_STATEMENT_TIMEOUT), "
					+ statementTimeout.toSeconds() + " s, so the server ends a slow statement before the client gives"
					+ " up on it; it is " + socketTimeout.toSeconds() + " s");
		}
	}

	/**
	 * Binds the settings from {@code EMBEDDINGS_DATABASE_*} variables, for the connection the command line
	 * checks before the application (and its binding) starts; the defaults where none is set.
	 * @param variables environment-style variables
	 * @return the settings
	 */
	public static DatabaseProperties from(Map<String, ?> variables) {
		Binder binder = new Binder(ConfigurationPropertySources
			.from(new SystemEnvironmentPropertySource("embeddingsVariables", new HashMap<String, Object>(variables))));
		return binder.bindOrCreate(PREFIX, DatabaseProperties.class);
	}

	/**
	 * @param timeout another statement timeout
	 * @return these settings with that statement timeout and the socket timeout moved with it, so the
	 * client still gives the server the same margin to end a slow statement with its own error
	 */
	public DatabaseProperties withStatementTimeout(Duration timeout) {
		return new DatabaseProperties(connectTimeout, timeout.plus(socketTimeout.minus(statementTimeout)), timeout,
				lockTimeout, idleInTransactionTimeout, longStatementTimeout, keepaliveIdle, keepaliveInterval,
				keepaliveCount, lockSessionTimeout, poolSize, poolWait);
	}

	/** @return how long the client waits on a long statement: its server bound plus the usual margin */
	public Duration longSocketTimeout() {
		return longStatementTimeout.plus(socketTimeout.minus(statementTimeout));
	}

}
