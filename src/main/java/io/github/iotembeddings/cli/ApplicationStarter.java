package io.github.iotembeddings.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.iotembeddings.EmbeddingsApplication;
import io.github.iotembeddings.config.ConnectionSettings;
import io.github.iotembeddings.job.Partition;
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

	/** Only {@code schedule} runs Quartz and serves health probes over HTTP. */
	private static final String SCHEDULE_PROFILE = "schedule";

	private ApplicationStarter() {
	}

	/**
	 * @param properties configuration properties by name (such as {@code embeddings.job.chunk-size}),
	 * above everything else
	 * @param schedule whether to start the scheduler and its HTTP server ({@code schedule})
	 * @param connection the database
	 * @param partition the share of the events the command embeds
	 * @param logFormat a structured log format, or {@code null} for text
	 * @param settingsVariables {@code EMBEDDINGS_*} variables
	 * @param reportsDir where reports are written
	 * @return the started application; the caller closes it
	 */
	public static ConfigurableApplicationContext start(Map<String, ?> properties, boolean schedule,
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
			.web(schedule ? WebApplicationType.SERVLET : WebApplicationType.NONE)
			.profiles(schedule ? new String[] { SCHEDULE_PROFILE } : new String[0])
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
