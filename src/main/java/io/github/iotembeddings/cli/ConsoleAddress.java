package io.github.iotembeddings.cli;

import io.github.iotembeddings.config.AdminProperties;

import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The lines {@code schedule} and {@code serve} print at start: where the console is and how to sign in, and
 * where the probes and metrics are.
 */
@Component
@Profile("web")
class ConsoleAddress {

	private final Environment environment;

	private final AdminProperties admin;

	ConsoleAddress(Environment environment, AdminProperties admin) {
		this.environment = environment;
		this.admin = admin;
	}

	String line(String command) {
		String url = "http://localhost:" + environment.getProperty("local.server.port") + "/";
		return admin.enabled() ? command + ": console at " + url + " (sign in with EMBEDDINGS_ADMIN_TOKEN)"
				: command + ": console at " + url + " is off: set EMBEDDINGS_ADMIN_TOKEN to sign in";
	}

	/** The management server's port is known once it has started, which it has by the time a command runs. */
	String managementLine(String command) {
		String port = environment.getProperty("local.management.port");
		return (port != null) ? command + ": probes and metrics at http://localhost:" + port
				+ "/actuator/health and /actuator/prometheus (for the cluster: publish only the console's port)"
				: command + ": probes and metrics are off (MANAGEMENT_SERVER_PORT=-1)";
	}

}
