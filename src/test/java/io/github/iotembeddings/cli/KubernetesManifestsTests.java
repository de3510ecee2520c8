package io.github.iotembeddings.cli;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import io.github.iotembeddings.config.ConnectionSettings;
import org.quartz.CronExpression;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/** Every manifest in k8s/ asks the application only for what it really accepts. */
class KubernetesManifestsTests {

	private static final Set<String> CONNECTION_VARIABLES = Set.of("DATABASE_URL", "DATABASE_USER", "DATABASE_PASSWORD");

	private static final Pattern VARIABLE_REFERENCE = Pattern.compile("\\$\\(([A-Z_]+)\\)");

	private static final Map<String, Map<String, Object>> documents = new HashMap<>();

	@BeforeAll
	static void parseManifests() throws IOException {
		try (Stream<Path> files = Files.list(Path.of("k8s"))) {
			for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
				for (Object document : new Yaml().loadAll(Files.readString(file))) {
					@SuppressWarnings("unchecked")
					Map<String, Object> manifest = (Map<String, Object>) document;
					documents.put(manifest.get("kind") + "/" + name(manifest), manifest);
				}
			}
		}
	}

	@Test
	void thereIsEveryManifestTheDeploymentGuideNames() {
		assertThat(documents).containsKeys("CronJob/iot-embeddings-sync", "Job/iot-embeddings-backfill",
				"Deployment/iot-embeddings-scheduler", "Secret/iot-embeddings-db", "ConfigMap/iot-embeddings-config");
	}

	@Test
	void containersRunRealCommandsWithAcceptedOptions() {
		for (Map.Entry<String, Map<String, Object>> manifest : documents.entrySet()) {
			for (Map<String, Object> container : containers(manifest.getValue())) {
				@SuppressWarnings("unchecked")
				List<String> args = (List<String>) container.get("args");
				assertThat(args).as("%s runs a command", manifest.getKey()).isNotEmpty();
				Map<String, String> env = env(container);
				List<String> resolved = new ArrayList<>();
				for (String arg : args) {
					Matcher reference = VARIABLE_REFERENCE.matcher(arg);
					StringBuilder value = new StringBuilder();
					while (reference.find()) {
						assertThat(env).as("%s defines $(%s)", manifest.getKey(), reference.group(1))
							.containsKey(reference.group(1));
						reference.appendReplacement(value, Matcher.quoteReplacement(env.get(reference.group(1))));
					}
					reference.appendTail(value);
					resolved.add(value.toString());
				}
				CommandLine command = Commands.commandLine().getSubcommands().get(resolved.get(0));
				assertThat(command).as("%s runs a command of the application: %s", manifest.getKey(), resolved).isNotNull();
				Set<String> options = command.getCommandSpec()
					.options()
					.stream()
					.flatMap(option -> Stream.of(option.names()))
					.collect(Collectors.toSet());
				for (String arg : resolved.subList(1, resolved.size())) {
					if (arg.startsWith("-")) {
						assertThat(options).as("options of %s", resolved.get(0)).contains(arg.split("=", 2)[0]);
					}
				}
				// and the values are ones it accepts
				Commands.command(Commands.commandLine().parseArgs(resolved.toArray(String[]::new)));
			}
		}
	}

	@Test
	void environmentNamesAreOnesTheApplicationReads() {
		Set<String> known = new HashSet<>(CONNECTION_VARIABLES);
		known.addAll(propertyVariables());
		known.add("JAVA_TOOL_OPTIONS");
		known.add("EMBEDDINGS_LOG_FORMAT");
		// Read by Kubernetes itself, to fill in $(BACKFILL_LIMIT) in the arguments.
		known.add("BACKFILL_LIMIT");
		for (Map<String, Object> manifest : documents.values()) {
			for (Map<String, Object> container : containers(manifest)) {
				assertThat(env(container).keySet()).as("env of %s", name(manifest)).isSubsetOf(known);
			}
		}
		assertThat(data(documents.get("ConfigMap/iot-embeddings-config")).keySet()).allSatisfy(name -> assertThat(known).contains(name));
		assertThat(data(documents.get("Secret/iot-embeddings-db")).keySet()).containsExactlyInAnyOrderElementsOf(CONNECTION_VARIABLES);
		assertThat(CronExpression.isValidExpression(data(documents.get("ConfigMap/iot-embeddings-config"))
			.get("EMBEDDINGS_SCHEDULE_CRON"))).isTrue();
	}

	@Test
	void scheduleShapesFollowTheGuide() {
		Map<String, Object> cronJob = spec(documents.get("CronJob/iot-embeddings-sync"));
		assertThat(cronJob).containsEntry("schedule", "* * * * *").containsEntry("concurrencyPolicy", "Forbid")
			.containsKeys("startingDeadlineSeconds", "successfulJobsHistoryLimit", "failedJobsHistoryLimit");
		Map<String, Object> deployment = spec(documents.get("Deployment/iot-embeddings-scheduler"));
		assertThat(deployment).containsEntry("replicas", 2);
		Map<String, Object> scheduler = containers(documents.get("Deployment/iot-embeddings-scheduler")).get(0);
		assertThat(scheduler).containsKeys("livenessProbe", "readinessProbe");
		assertThat(scheduler.get("livenessProbe").toString()).contains("/actuator/health/liveness");
		assertThat(scheduler.get("readinessProbe").toString()).contains("/actuator/health/readiness");
		for (Map<String, Object> manifest : documents.values()) {
			for (Map<String, Object> container : containers(manifest)) {
				if (!List.of("migrate").equals(container.get("args"))) {
					assertThat(container).as("%s has resources", name(manifest)).containsKey("resources");
				}
			}
		}
	}

	@Test
	void thePartitionedJobIsAnIndexedJobWithOnePodPerPartition() {
		Map<String, Object> job = spec(documents.get("Job/iot-embeddings-partitioned-sync"));
		assertThat(job).containsEntry("completionMode", "Indexed");
		List<String> args = (List<String>) containers(documents.get("Job/iot-embeddings-partitioned-sync")).get(1).get("args");
		assertThat(args).contains("--partitions=" + job.get("parallelism")).contains("--partitions=" + job.get("completions"));
	}

	/** EMBEDDINGS_* variable of every property the configuration records bind, found on the classpath. */
	private static Set<String> propertyVariables() {
		Set<String> names = new HashSet<>();
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
		scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
		List<Class<?>> types = scanner.findCandidateComponents(ConnectionSettings.class.getPackageName())
			.stream()
			.<Class<?>>map(definition -> ClassUtils.resolveClassName(String.valueOf(definition.getBeanClassName()), null))
			.toList();
		assertThat(types).as("the settings classes").hasSizeGreaterThanOrEqualTo(9);
		for (Class<?> type : types) {
			String prefix = type.getAnnotation(ConfigurationProperties.class).value();
			for (RecordComponent component : type.getRecordComponents()) {
				String kebab = component.getName().replaceAll("([a-z])([A-Z])", "$1_$2");
				names.add((prefix + "_" + kebab).replace('.', '_').replace('-', '_').toUpperCase());
			}
		}
		return names;
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> containers(Map<String, Object> manifest) {
		Map<String, Object> podSpec = switch (String.valueOf(manifest.get("kind"))) {
			case "CronJob" -> (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) spec(
					manifest).get("jobTemplate")).get("spec")).get("template")).get("spec");
			case "Job", "Deployment" -> (Map<String, Object>) ((Map<String, Object>) spec(manifest).get("template")).get("spec");
			default -> Map.of();
		};
		List<Map<String, Object>> all = new ArrayList<>();
		for (String key : List.of("initContainers", "containers")) {
			if (podSpec.get(key) != null) {
				all.addAll((List<Map<String, Object>>) podSpec.get(key));
			}
		}
		return all;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, String> env(Map<String, Object> container) {
		Map<String, String> env = new HashMap<>();
		List<Map<String, Object>> entries = (List<Map<String, Object>>) container.getOrDefault("env", List.of());
		for (Map<String, Object> entry : entries) {
			env.put((String) entry.get("name"), String.valueOf(entry.get("value")));
		}
		List<Map<String, Object>> sources = (List<Map<String, Object>>) container.getOrDefault("envFrom", List.of());
		for (Map<String, Object> source : sources) {
			Map<String, Object> configMap = (Map<String, Object>) source.get("configMapRef");
			Map<String, Object> secret = (Map<String, Object>) source.get("secretRef");
			String key = (configMap != null) ? "ConfigMap/" + configMap.get("name") : "Secret/" + secret.get("name");
			assertThat(documents).as("envFrom %s is defined in k8s/", key).containsKey(key);
			env.putAll(data(documents.get(key)));
		}
		return env;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, String> data(Map<String, Object> manifest) {
		Object data = manifest.containsKey("stringData") ? manifest.get("stringData") : manifest.get("data");
		Map<String, String> values = new HashMap<>();
		((Map<String, Object>) data).forEach((k, v) -> values.put(k, String.valueOf(v)));
		return values;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> spec(Map<String, Object> manifest) {
		return (Map<String, Object>) manifest.get("spec");
	}

	@SuppressWarnings("unchecked")
	private static String name(Map<String, Object> manifest) {
		return String.valueOf(((Map<String, Object>) manifest.get("metadata")).get("name"));
	}

}
