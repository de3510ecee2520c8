package io.github.iotembeddings.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.iotembeddings.EmbeddingsApplication;
import io.github.iotembeddings.config.ConnectionSettings;
import io.github.iotembeddings.events.Partition;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.CommandLinePropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Starts the application for one command, as the command line does: the connection and the partition
 * as beans, the {@code EMBEDDINGS_*} variables below the given properties. The integration tests start
 * it the same way, so they run what a user runs.
 */
public final class ApplicationStarter {

	/** What kind of process a command is. */
	public enum Mode {

		/** Does its work and exits; no web server. */
		ONE_SHOT(null),
		/** {@code schedule}: Quartz, the admin API, the query API and health probes over HTTP. */
		SCHEDULE("schedule"),
		/** {@code serve}: the query API and health probes over HTTP, no scheduler. */
		SERVE("serve");

		private final @Nullable String profile;

		Mode(@Nullable String profile) {
			this.profile = profile;
		}

	}

	private ApplicationStarter() {
	}

	/**
	 * @param properties configuration properties by name (such as {@code embeddings.job.chunk-size}),
	 * above everything else
	 * @param mode whether it serves HTTP, and with the scheduler or without
	 * @param connection the database
	 * @param partition the share of the events the command embeds
	 * @param logFormat a structured log format, or {@code null} for text
	 * @param settingsVariables {@code EMBEDDINGS_*} variables
	 * @param reportsDir where reports are written
	 * @return the started application; the caller closes it
	 */
	public static ConfigurableApplicationContext start(Map<String, ?> properties, Mode mode,
			ConnectionSettings connection, Partition partition, @Nullable String logFormat,
			Map<String, Object> settingsVariables, Path reportsDir) {
		RuntimeDefaults.apply();
		List<String> arguments = new ArrayList<>();
		properties.forEach((name, value) -> arguments.add("--" + name + "=" + value));
		arguments.add("--embeddings.reports.dir=" + reportsDir);
		if (logFormat != null) {
			arguments.add("--logging.structured.format.console=" + logFormat);
		}
		return new SpringApplicationBuilder(EmbeddingsApplication.class)
			.web((mode.profile != null) ? WebApplicationType.SERVLET : WebApplicationType.NONE)
			.profiles((mode.profile != null) ? new String[] { mode.profile } : new String[0])
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.initializers(context -> {
				context.getBeanFactory().registerSingleton("connectionSettings", connection);
				context.getBeanFactory().registerSingleton("partition", partition);
				// Below the command-line options, above application.properties.
				MutablePropertySources sources = context.getEnvironment().getPropertySources();
				SystemEnvironmentPropertySource variables = new SystemEnvironmentPropertySource("embeddingsVariables",
						settingsVariables);
				if (sources.contains(CommandLinePropertySource.COMMAND_LINE_PROPERTY_SOURCE_NAME)) {
					sources.addAfter(CommandLinePropertySource.COMMAND_LINE_PROPERTY_SOURCE_NAME, variables);
				}
				else {
					sources.addFirst(variables);
				}
			})
			.run(arguments.toArray(String[]::new));
	}

}
