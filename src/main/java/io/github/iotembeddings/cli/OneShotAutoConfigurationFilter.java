package io.github.iotembeddings.cli;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * A one-shot command (a CronJob's {@code sync} starts a JVM every minute) serves no HTTP: health,
 * metrics, observation and security have nothing to do there, and their auto-configurations cost about a
 * tenth of its start-up. They are left out unless the process serves HTTP (profile {@code web}:
 * {@code schedule}, {@code serve}). Registered in {@code META-INF/spring.factories}, as Boot's own filters are.
 */
public class OneShotAutoConfigurationFilter implements AutoConfigurationImportFilter, EnvironmentAware {

	private static final List<String> SERVED_ONLY = List.of("org.springframework.boot.actuate.",
			"org.springframework.boot.health.", "org.springframework.boot.micrometer.",
			"org.springframework.boot.security.", "org.springframework.boot.batch.autoconfigure.observation.",
			"org.springframework.boot.jdbc.autoconfigure.health.", "org.springframework.boot.jdbc.autoconfigure.metrics.");

	private @Nullable Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public boolean[] match(@Nullable String[] autoConfigurationClasses, AutoConfigurationMetadata metadata) {
		boolean serves = environment == null || environment.matchesProfiles("web");
		boolean[] matches = new boolean[autoConfigurationClasses.length];
		for (int i = 0; i < matches.length; i++) {
			String candidate = autoConfigurationClasses[i];
			matches[i] = serves || candidate == null || SERVED_ONLY.stream().noneMatch(candidate::startsWith);
		}
		return matches;
	}

}
