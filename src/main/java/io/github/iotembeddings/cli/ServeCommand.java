package io.github.iotembeddings.cli;

import java.io.PrintStream;

import io.github.iotembeddings.config.InvalidConfigurationException;
import io.github.iotembeddings.config.SearchProperties;
import io.github.iotembeddings.schema.DatabasePreflight;
import io.github.iotembeddings.search.SemanticSearch;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * {@code serve}: the query API without the scheduler, for installations that sync with a CronJob. Ready
 * once the database is checked and the model loaded, so the first query does not pay for the load; runs
 * until SIGTERM or SIGINT.
 */
@Component
@Profile("serve")
class ServeCommand implements CommandHandler<Commands.Serve> {

	private static final Log logger = LogFactory.getLog(ServeCommand.class);

	private final DatabasePreflight preflight;

	private final SemanticSearch search;

	private final SearchProperties properties;

	private final ApplicationEventPublisher events;

	private final Environment environment;

	private final ConsoleAddress consoleAddress;

	ServeCommand(DatabasePreflight preflight, SemanticSearch search, SearchProperties properties,
			ApplicationEventPublisher events, Environment environment, ConsoleAddress consoleAddress) {
		this.consoleAddress = consoleAddress;
		this.preflight = preflight;
		this.search = search;
		this.properties = properties;
		this.events = events;
		this.environment = environment;
	}

	@Override
	public int run(Commands.Serve command, PrintStream out) throws Exception {
		if (!properties.enabled()) {
			throw new InvalidConfigurationException("serve answers only requests with the query API's token: set"
					+ " EMBEDDINGS_SEARCH_TOKEN");
		}
		AvailabilityChangeEvent.publish(events, this, ReadinessState.REFUSING_TRAFFIC);
		preflight.requireMigratedSchema();
		ShutdownSignal signal = ShutdownSignal.install();
		String model = search.modelId();
		AvailabilityChangeEvent.publish(events, this, ReadinessState.ACCEPTING_TRAFFIC);
		out.println("serve: GET /search and POST /embed on port " + environment.getProperty("local.server.port")
				+ " (model " + model + "); SIGTERM or Ctrl-C stops it");
		out.println(consoleAddress.line("serve"));
		out.println(consoleAddress.managementLine("serve"));
		String received = signal.await();
		logger.info("Received SIG" + received + ": stopping");
		AvailabilityChangeEvent.publish(events, this, ReadinessState.REFUSING_TRAFFIC);
		out.println("serve: stopped");
		return ExitCodes.DONE;
	}

}
