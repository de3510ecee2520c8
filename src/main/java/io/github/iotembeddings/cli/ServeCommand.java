package io.github.iotembeddings.cli;

import java.io.PrintStream;

import io.github.iotembeddings.config.InvalidConfigurationException;
import io.github.iotembeddings.config.SearchProperties;
import io.github.iotembeddings.schema.DatabasePreflight;
import io.github.iotembeddings.search.SemanticSearch;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import picocli.CommandLine.Command;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationContext;

/**
 * For installations that sync with a CronJob. Ready once the database is checked and the model loaded, so the
 * first query does not pay for the load; runs until SIGTERM or SIGINT.
 */
@Command(name = "serve", description = "serve the query API (GET /search, POST /embed) and health probes over"
		+ " HTTP without the scheduler, e.g. beside a sync CronJob; needs EMBEDDINGS_SEARCH_TOKEN")
final class ServeCommand extends ParsedCommand {

	private static final Log logger = LogFactory.getLog(ServeCommand.class);

	@Override
	ApplicationStarter.Mode mode() {
		return ApplicationStarter.Mode.SERVE;
	}

	@Override
	int run(ApplicationContext context, PrintStream out) throws Exception {
		if (!context.getBean(SearchProperties.class).enabled()) {
			throw new InvalidConfigurationException("serve answers only requests with the query API's token: set"
					+ " EMBEDDINGS_SEARCH_TOKEN");
		}
		ConsoleAddress consoleAddress = context.getBean(ConsoleAddress.class);
		AvailabilityChangeEvent.publish(context, this, ReadinessState.REFUSING_TRAFFIC);
		context.getBean(DatabasePreflight.class).requireMigratedSchema();
		ShutdownSignal signal = ShutdownSignal.install();
		String model = context.getBean(SemanticSearch.class).modelId();
		AvailabilityChangeEvent.publish(context, this, ReadinessState.ACCEPTING_TRAFFIC);
		out.println("serve: GET /search and POST /embed on port " + context.getEnvironment().getProperty("local.server.port")
				+ " (model " + model + "); SIGTERM or Ctrl-C stops it");
		out.println(consoleAddress.line("serve"));
		out.println(consoleAddress.managementLine("serve"));
		String received = signal.await();
		logger.info("Received SIG" + received + ": stopping");
		AvailabilityChangeEvent.publish(context, this, ReadinessState.REFUSING_TRAFFIC);
		out.println("serve: stopped");
		return ExitCodes.DONE;
	}

}
