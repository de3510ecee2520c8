package io.github.iotembeddings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every manifest in k8s/ agrees with the others, with the application's ports and with README: names, ports
 * (the console's routed by the Services; the management port probed and scraped, never routed, and reached only
 * by Prometheus), labels, Secret and ConfigMap keys, schedules, the image. Each test lists every disagreement it finds, naming the file. (That the
 * commands and options in them are ones the application accepts is checked by cli.KubernetesManifestsTests.)
 */
class KubernetesManifestsAgreementTests {

	private static final Path K8S = Path.of("k8s");

	private static final Pattern SETTING = Pattern.compile("(EMBEDDINGS|DATABASE)_[A-Z0-9_]+");

	private static final String EXTERNAL_SCHEDULE = "EMBEDDINGS_SYNC_EXTERNAL_SCHEDULE";

	/** The console's and the APIs' port, the one Services route. */
	private static final String HTTP = "http";

	/** The probes' and metrics' port, for the kubelet and Prometheus only. */
	private static final String MANAGEMENT = "management";

	private static final List<Manifest> manifests = new ArrayList<>();

	private static String readme = "";

	@BeforeAll
	static void parse() throws IOException {
		try (Stream<Path> files = Files.list(K8S)) {
			for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
				for (Object document : new Yaml().loadAll(Files.readString(file))) {
					if (document != null) {
						manifests.add(new Manifest(file.getFileName().toString(), map(document)));
					}
				}
			}
		}
		readme = Files.readString(Path.of("README.md"));
		assertThat(workloads()).as("workloads in k8s/").hasSizeGreaterThanOrEqualTo(5);
	}

	@Test
	void servicesSelectAWorkloadAndTargetOneOfItsContainerPorts() {
		List<String> problems = new ArrayList<>();
		for (Manifest service : of("Service")) {
			Map<String, Object> selector = map(service.at("spec", "selector"));
			List<Workload> selected = workloads().stream().filter(w -> w.labels().entrySet().containsAll(selector.entrySet())).toList();
			if (selected.size() != 1) {
				problems.add(service + ": selector " + selector + " matches the pods of " + selected + ", not exactly one workload");
				continue;
			}
			Workload workload = selected.get(0);
			for (Object port : list(service.at("spec", "ports"))) {
				Object target = map(port).get("targetPort");
				if (!workload.declaresPort(target)) {
					problems.add(service + ": targetPort " + target + " is no container port of " + workload + " " + workload.ports());
				}
			}
			// Sign-in sessions live in one pod: with replicas, a client must keep reaching the same one.
			if (workload.replicas() > 1 && !"ClientIP".equals(service.at("spec", "sessionAffinity"))) {
				problems.add(service + ": " + workload + " has " + workload.replicas() + " replicas but sessionAffinity is not ClientIP");
			}
		}
		for (Workload workload : workloads()) {
			boolean served = of("Service").stream()
				.anyMatch(service -> workload.labels().entrySet().containsAll(map(service.at("spec", "selector")).entrySet()));
			if (!workload.ports().isEmpty() && !served) {
				problems.add(workload + " declares ports " + workload.ports() + " but no Service selects its pods");
			}
		}
		assertThat(problems).isEmpty();
	}

	@Test
	void everyServingContainerProbesHealthOnItsManagementPort() {
		Map<String, String> paths = Map.of("startupProbe", "/actuator/health/liveness", "livenessProbe",
				"/actuator/health/liveness", "readinessProbe", "/actuator/health/readiness");
		List<String> problems = new ArrayList<>();
		for (Workload workload : workloads()) {
			for (Map<String, Object> container : workload.containers()) {
				if (container.get("ports") == null) {
					continue;
				}
				// The ports the application listens on, under the names everything else refers to.
				Map<Object, Object> declared = new HashMap<>();
				list(container.get("ports")).forEach(port -> declared.put(map(port).get("name"), map(port).get("containerPort")));
				if (!declared.equals(Map.of(HTTP, applicationPort("server.port"), MANAGEMENT, applicationPort("management.server.port")))) {
					problems.add(workload + " container " + container.get("name") + " declares " + declared + ", not " + HTTP + " = server.port "
							+ applicationPort("server.port") + " and " + MANAGEMENT + " = management.server.port "
							+ applicationPort("management.server.port") + " (application-web.properties)");
				}
				for (Map.Entry<String, String> probe : paths.entrySet()) {
					Object port = at(container, probe.getKey(), "httpGet", "port");
					Object path = at(container, probe.getKey(), "httpGet", "path");
					if (container.get(probe.getKey()) == null) {
						problems.add(workload + " container " + container.get("name") + " serves HTTP but has no " + probe.getKey());
					}
					else if (!MANAGEMENT.equals(port)) {
						problems.add(workload + " " + probe.getKey() + ": port " + port + ", not " + MANAGEMENT
								+ " (the server's port serves no /actuator)");
					}
					else if (!probe.getValue().equals(path)) {
						problems.add(workload + " " + probe.getKey() + ": path " + path + ", expected " + probe.getValue());
					}
				}
			}
		}
		assertThat(problems).isEmpty();
	}

	@Test
	void noServiceRoutesTheManagementPort() {
		List<String> problems = new ArrayList<>();
		for (Manifest service : of("Service")) {
			Map<String, Object> selector = map(service.at("spec", "selector"));
			for (Workload workload : workloads()) {
				if (!workload.labels().entrySet().containsAll(selector.entrySet())) {
					continue;
				}
				for (Object port : list(service.at("spec", "ports"))) {
					Object target = map(port).get("targetPort");
					if (workload.sameContainerPort(target, MANAGEMENT) || MANAGEMENT.equals(map(port).get("name"))) {
						problems.add(service + " routes " + workload + "'s " + MANAGEMENT + " port: whatever publishes the Service"
								+ " would publish the probes and metrics");
					}
				}
			}
		}
		assertThat(problems).isEmpty();
	}

	@Test
	void prometheusScrapesTheManagementPort() {
		List<String> problems = new ArrayList<>();
		for (Workload workload : workloads()) {
			Object managementPort = workload.containerPort(MANAGEMENT);
			Map<String, Object> annotations = map(at(workload.pod(), "metadata", "annotations"));
			if (managementPort == null) {
				if (annotations.containsKey("prometheus.io/scrape")) {
					problems.add(workload + " asks to be scraped but declares no " + MANAGEMENT + " port");
				}
				continue;
			}
			Map<String, Object> expected = Map.of("prometheus.io/scrape", "true", "prometheus.io/port", String.valueOf(managementPort),
					"prometheus.io/path", "/actuator/prometheus");
			if (!annotations.entrySet().containsAll(expected.entrySet())) {
				problems.add(workload + " annotations " + annotations + ", expected " + expected + " (the " + MANAGEMENT + " port's number)");
			}
		}
		List<Manifest> podMonitors = of("PodMonitor");
		assertThat(podMonitors).as("PodMonitors in k8s/").isNotEmpty();
		for (Manifest podMonitor : podMonitors) {
			Map<String, Object> selector = map(podMonitor.at("spec", "selector", "matchLabels"));
			List<Workload> scraped = workloads().stream()
				.filter(w -> w.containerPort(MANAGEMENT) != null && w.labels().entrySet().containsAll(selector.entrySet()))
				.toList();
			if (scraped.isEmpty()) {
				problems.add(podMonitor + ": selector " + selector + " selects no workload with a " + MANAGEMENT + " port");
			}
			for (Object endpoint : list(podMonitor.at("spec", "podMetricsEndpoints"))) {
				if (!MANAGEMENT.equals(map(endpoint).get("port")) || !"/actuator/prometheus".equals(map(endpoint).get("path"))) {
					problems.add(podMonitor + ": endpoint " + endpoint + " is not port " + MANAGEMENT + ", path /actuator/prometheus");
				}
			}
		}
		assertThat(problems).isEmpty();
	}

	@Test
	void secretReferencesNameTheSecretTemplateAndOneOfItsKeys() {
		Map<String, Set<String>> secrets = new HashMap<>();
		for (Manifest secret : of("Secret")) {
			assertThat(secret.file()).as("%s: Secrets belong in secret.example.yaml", secret).isEqualTo("secret.example.yaml");
			secrets.put(secret.name(), secret.data().keySet());
		}
		assertThat(secrets).as("Secrets in secret.example.yaml").isNotEmpty();
		List<String> problems = new ArrayList<>();
		Set<String> used = new HashSet<>();
		for (Workload workload : workloads()) {
			for (Map<String, Object> container : workload.allContainers()) {
				String where = workload + " container " + container.get("name");
				for (Object source : list(container.get("envFrom"))) {
					Object name = at(source, "secretRef", "name");
					if (name != null && !secrets.containsKey(name)) {
						problems.add(where + ": envFrom secretRef " + name + " is not in secret.example.yaml " + secrets.keySet());
					}
					used.add(String.valueOf(name));
				}
				for (Object variable : list(container.get("env"))) {
					Object name = at(variable, "valueFrom", "secretKeyRef", "name");
					Object key = at(variable, "valueFrom", "secretKeyRef", "key");
					if (name != null && !secrets.getOrDefault(name, Set.of()).contains(key)) {
						problems.add(where + ": secretKeyRef " + name + "/" + key + " names no key of a Secret in secret.example.yaml " + secrets);
					}
					used.add(String.valueOf(name));
				}
			}
		}
		for (String secret : secrets.keySet()) {
			if (!used.contains(secret)) {
				problems.add("secret.example.yaml: Secret " + secret + " is used by no workload");
			}
		}
		assertThat(problems).isEmpty();
	}

	@Test
	void configMapReferencesNameTheConfigMapAndOneOfItsKeys() {
		List<Manifest> configMaps = of("ConfigMap");
		assertThat(configMaps).as("ConfigMaps in k8s/").hasSize(1);
		Manifest configMap = configMaps.get(0);
		List<String> problems = new ArrayList<>();
		for (Workload workload : workloads()) {
			for (Map<String, Object> container : workload.allContainers()) {
				String where = workload + " container " + container.get("name");
				for (Object source : list(container.get("envFrom"))) {
					Object name = at(source, "configMapRef", "name");
					if (name != null && !configMap.name().equals(name)) {
						problems.add(where + ": envFrom configMapRef " + name + " is not " + configMap);
					}
				}
				for (Object variable : list(container.get("env"))) {
					Object name = at(variable, "valueFrom", "configMapKeyRef", "name");
					Object key = at(variable, "valueFrom", "configMapKeyRef", "key");
					if (name != null && (!configMap.name().equals(name) || !configMap.data().containsKey(key))) {
						problems.add(where + ": configMapKeyRef " + name + "/" + key + " names no key of " + configMap);
					}
				}
			}
		}
		assertThat(problems).isEmpty();
	}

	@Test
	void everyContainerHasResourcesAndInitContainersReadWhatTheirPodReads() {
		List<String> problems = new ArrayList<>();
		for (Workload workload : workloads()) {
			for (Map<String, Object> container : workload.allContainers()) {
				for (String bound : List.of("requests", "limits")) {
					if (at(container, "resources", bound, "memory") == null) {
						problems.add(workload + " container " + container.get("name") + " has no resources." + bound + ".memory");
					}
				}
			}
			Object envFrom = workload.containers().get(0).get("envFrom");
			for (Map<String, Object> init : workload.initContainers()) {
				if (!Objects.equals(init.get("envFrom"), envFrom)) {
					problems.add(workload + " init container " + init.get("name") + " envFrom " + init.get("envFrom")
							+ " differs from its main container's " + envFrom);
				}
			}
		}
		assertThat(problems).isEmpty();
	}

	@Test
	void everySettingTheManifestsSetIsDocumentedInReadme() {
		Set<String> documented = readmeSettings();
		assertThat(documented).as("settings found in README's tables").contains("EMBEDDINGS_JOB_CHUNK_SIZE",
				"EMBEDDINGS_SYNC_FULL_CHECK_THREADS", "EMBEDDINGS_INDEX_HNSW_EF_SEARCH", "DATABASE_URL");
		List<String> problems = new ArrayList<>();
		for (Manifest manifest : manifests) {
			if (List.of("ConfigMap", "Secret").contains(manifest.kind())) {
				manifest.data().keySet().stream().filter(name -> isUndocumentedSetting(name, documented))
					.forEach(name -> problems.add(manifest + " sets " + name + ", which README's settings tables do not name"));
			}
		}
		for (Workload workload : workloads()) {
			for (Map<String, Object> container : workload.allContainers()) {
				for (Object variable : list(container.get("env"))) {
					String name = String.valueOf(map(variable).get("name"));
					if (isUndocumentedSetting(name, documented)) {
						problems.add(workload + " sets " + name + ", which README's settings tables do not name");
					}
				}
			}
		}
		assertThat(problems).isEmpty();
	}

	@Test
	void schedulesAgree() {
		Workload sync = workload("CronJob", "iot-embeddings-sync");
		Object schedule = at(sync.manifest().document(), "spec", "schedule");
		List<String> problems = new ArrayList<>();
		if (!Objects.equals(schedule, sync.env(sync.containers().get(0)).get(EXTERNAL_SCHEDULE))) {
			problems.add(sync + ": " + EXTERNAL_SCHEDULE + " " + sync.env(sync.containers().get(0)).get(EXTERNAL_SCHEDULE)
					+ " differs from spec.schedule " + schedule);
		}
		for (Workload workload : workloads()) {
			for (Map<String, Object> container : workload.containers()) {
				Object value = workload.env(container).get(EXTERNAL_SCHEDULE);
				if (value != null && !value.equals(schedule) && !workload.equals(sync)) {
					problems.add(workload + ": " + EXTERNAL_SCHEDULE + " " + value + " differs from " + sync + "'s schedule " + schedule);
				}
				// The scheduler's syncs come from Quartz: it must not claim an external schedule.
				if (value != null && list(container.get("args")).contains("schedule")) {
					problems.add(workload + " runs schedule but sets " + EXTERNAL_SCHEDULE);
				}
			}
		}
		Manifest configMap = of("ConfigMap").get(0);
		if (configMap.data().containsKey(EXTERNAL_SCHEDULE)) {
			problems.add(configMap + " sets " + EXTERNAL_SCHEDULE + ", which would reach the scheduler too");
		}
		// The reconcile CronJob runs the full check when the scheduler would (Quartz: seconds first, ? for any).
		Object reconcile = at(workload("CronJob", "iot-embeddings-reconcile").manifest().document(), "spec", "schedule");
		String[] quartz = configMap.data().get("EMBEDDINGS_SYNC_FULL_CHECK_CRON").split(" ");
		String asCron = String.join(" ", List.of(quartz).subList(1, 6)).replace('?', '*');
		if (!"0".equals(quartz[0]) || !asCron.equals(reconcile)) {
			problems.add("k8s/reconcile-cronjob.yaml: schedule " + reconcile + " differs from " + configMap
					+ "'s EMBEDDINGS_SYNC_FULL_CHECK_CRON " + String.join(" ", quartz));
		}
		assertThat(problems).isEmpty();
	}

	@Test
	void theNetworkPolicySelectsEveryWorkloadAndAllowsItsPortAndTheDatabase() {
		List<Manifest> policies = of("NetworkPolicy");
		assertThat(policies).as("NetworkPolicies in k8s/").isNotEmpty();
		List<String> problems = new ArrayList<>();
		for (Manifest policy : policies) {
			Map<String, Object> selector = map(policy.at("spec", "podSelector", "matchLabels"));
			Set<Object> ingressPorts = new HashSet<>();
			list(policy.at("spec", "ingress")).forEach(rule -> list(map(rule).get("ports")).forEach(p -> ingressPorts.add(map(p).get("port"))));
			Set<Object> egressPorts = new HashSet<>();
			list(policy.at("spec", "egress")).forEach(rule -> list(map(rule).get("ports")).forEach(p -> egressPorts.add(map(p).get("port"))));
			for (Workload workload : workloads()) {
				if (selector.isEmpty() || !workload.labels().entrySet().containsAll(selector.entrySet())) {
					problems.add(policy + ": podSelector " + selector + " does not select the pods of " + workload + " " + workload.labels());
				}
				for (Object port : workload.ports()) {
					if (ingressPorts.stream().noneMatch(allowed -> workload.sameContainerPort(allowed, port))) {
						problems.add(policy + ": ingress allows ports " + ingressPorts + ", not " + workload + "'s port " + port);
					}
				}
			}
			for (String url : databaseUrls()) {
				int port = URI.create(url.replaceFirst("^jdbc:", "")).getPort();
				if (!egressPorts.contains(port)) {
					problems.add(policy + ": egress allows ports " + egressPorts + ", not DATABASE_URL's " + port + " (secret.example.yaml)");
				}
			}
			if (!egressPorts.contains(53)) {
				problems.add(policy + ": egress does not allow DNS (port 53)");
			}
		}
		assertThat(problems).isEmpty();
	}

	@Test
	void theNetworkPolicyLetsTheConsolesAndTheMetricsCallersInSeparately() {
		List<String> problems = new ArrayList<>();
		for (Manifest policy : of("NetworkPolicy")) {
			Set<Object> httpPeers = new HashSet<>();
			Set<Object> managementPeers = new HashSet<>();
			for (Object rule : list(policy.at("spec", "ingress"))) {
				List<?> from = list(map(rule).get("from"));
				Set<Object> ports = new HashSet<>();
				list(map(rule).get("ports")).forEach(port -> ports.add(map(port).get("port")));
				if (from.isEmpty()) {
					problems.add(policy + ": an ingress rule for ports " + ports + " lets in everyone (no from:)");
				}
				if (ports.contains(HTTP) && ports.contains(MANAGEMENT)) {
					problems.add(policy + ": one ingress rule lets the same callers reach " + HTTP + " and " + MANAGEMENT);
				}
				if (!ports.stream().allMatch(port -> HTTP.equals(port) || MANAGEMENT.equals(port))) {
					problems.add(policy + ": an ingress rule names ports " + ports + ", not by the names " + HTTP + " or " + MANAGEMENT);
				}
				(ports.contains(HTTP) ? httpPeers : managementPeers).addAll(from);
			}
			if (httpPeers.isEmpty() || managementPeers.isEmpty()) {
				problems.add(policy + ": lets nobody reach " + (httpPeers.isEmpty() ? HTTP : MANAGEMENT));
			}
			Set<Object> both = new HashSet<>(httpPeers);
			both.retainAll(managementPeers);
			if (!both.isEmpty()) {
				problems.add(policy + ": " + both + " may reach both the console's port and the metrics' port");
			}
		}
		assertThat(problems).isEmpty();
	}

	@Test
	void everyWorkloadRunsTheImageTheDockerfileBuilds() throws IOException {
		Matcher tag = Pattern.compile("docker build -t (\\S+)").matcher(Files.readString(Path.of("Dockerfile")));
		assertThat(tag.find()).as("Dockerfile says how to build and tag the image").isTrue();
		List<String> problems = new ArrayList<>();
		for (Workload workload : workloads()) {
			for (Map<String, Object> container : workload.allContainers()) {
				if (!tag.group(1).equals(container.get("image"))) {
					problems.add(workload + " container " + container.get("name") + " runs " + container.get("image")
							+ ", not " + tag.group(1) + " (Dockerfile)");
				}
			}
		}
		assertThat(problems).isEmpty();
	}

	@Test
	void theImageWritesOnlyWhereItsUserMay() throws IOException {
		// The image runs as a user of its own, in a working directory that belongs to root: whatever the tool
		// writes at run time (reports, DJL's native libraries) must go to the directory that user owns.
		String dockerfile = Files.readString(Path.of("Dockerfile"));
		Matcher owned = Pattern.compile("mkdir -p (\\S+) && chown app (\\S+)").matcher(dockerfile);
		assertThat(owned.find()).as("Dockerfile makes a directory for the tool's user").isTrue();
		assertThat(owned.group(2)).isEqualTo(owned.group(1));
		for (String variable : List.of("EMBEDDINGS_REPORTS_DIR", "DJL_CACHE_DIR")) {
			Matcher value = Pattern.compile("ENV " + variable + "=(\\S+)").matcher(dockerfile);
			assertThat(value.find()).as("Dockerfile sets " + variable).isTrue();
			assertThat(value.group(1)).as(variable).startsWith(owned.group(1) + "/");
		}
	}

	@Test
	void readmeAndTheManifestsNameOnlyFilesAndServicesThatExist() throws IOException {
		List<String> problems = new ArrayList<>();
		String kubernetes = section(readme, "## Kubernetes");
		Set<String> files = new TreeSet<>();
		manifests.forEach(manifest -> files.add(manifest.file()));
		for (String file : files) {
			if (!kubernetes.contains(file)) {
				problems.add("README's Kubernetes section does not mention k8s/" + file);
			}
		}
		Map<String, String> texts = new LinkedHashMap<>();
		texts.put("README.md", readme);
		for (String file : files) {
			texts.put("k8s/" + file, Files.readString(K8S.resolve(file)));
		}
		Pattern mentioned = Pattern.compile("k8s/([A-Za-z0-9._-]+\\.ya?ml)");
		Pattern portForward = Pattern.compile("port-forward svc/([a-z0-9-]+) \\d+:([a-z0-9-]+)");
		for (Map.Entry<String, String> text : texts.entrySet()) {
			for (String line : text.getValue().split("\n")) {
				Matcher file = mentioned.matcher(line);
				while (file.find()) {
					if (!files.contains(file.group(1))) {
						problems.add(text.getKey() + " names k8s/" + file.group(1) + ", which does not exist: " + line.strip());
					}
				}
				Matcher forward = portForward.matcher(line);
				while (forward.find()) {
					Manifest service = of("Service").stream().filter(s -> s.name().equals(forward.group(1))).findFirst().orElse(null);
					boolean port = service != null
							&& list(service.at("spec", "ports")).stream().anyMatch(p -> forward.group(2).equals(map(p).get("name")));
					if (!port) {
						problems.add(text.getKey() + " forwards to svc/" + forward.group(1) + " port " + forward.group(2)
								+ ", which no Service declares: " + line.strip());
					}
				}
			}
		}
		assertThat(kubernetes).as("README's Kubernetes section shows how to reach the console").containsPattern(portForward);
		assertThat(problems).isEmpty();
	}

	/** @return a port the application listens on by default, from application-web.properties */
	private static int applicationPort(String property) {
		Properties web = new Properties();
		try (var in = Files.newInputStream(Path.of("src/main/resources/application-web.properties"))) {
			web.load(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return Integer.parseInt(web.getProperty(property));
	}

	private static boolean isUndocumentedSetting(String name, Set<String> documented) {
		return SETTING.matcher(name).matches() && !documented.contains(name);
	}

	/**
	 * The variables README's settings table (and the connection table) name: written out, or as a property
	 * ({@code embeddings.sync.full-check-slice}) whose shorthands ({@code -full-check-threads}) replace its
	 * last segment.
	 */
	private static Set<String> readmeSettings() {
		Set<String> names = new HashSet<>();
		String tables = section(readme, "## Settings") + section(readme, "## Connecting to your database");
		Pattern code = Pattern.compile("`([^`]+)`");
		for (String line : tables.split("\n")) {
			String[] cells = line.split("\\|");
			if (!line.startsWith("| `") || cells.length < 2) {
				continue;
			}
			String property = null;
			Matcher token = code.matcher(cells[1]);
			while (token.find()) {
				String text = token.group(1);
				if (SETTING.matcher(text).matches()) {
					names.add(text);
				}
				else if (text.startsWith("embeddings.")) {
					property = text;
					names.add(variable(property));
				}
				else if (text.startsWith("-") && !text.startsWith("--") && property != null) {
					names.add(variable(property.substring(0, property.lastIndexOf('.') + 1) + text.substring(1)));
				}
			}
		}
		return names;
	}

	private static String variable(String property) {
		return property.replace('.', '_').replace('-', '_').toUpperCase();
	}

	/** From a heading that starts with {@code heading} to the next heading of that level. */
	private static String section(String text, String heading) {
		int start = text.indexOf("\n" + heading);
		assertThat(start).as("README has a section %s", heading).isNotNegative();
		int end = text.indexOf("\n## ", start + heading.length() + 1);
		return text.substring(start, (end < 0) ? text.length() : end);
	}

	private static List<String> databaseUrls() {
		return of("Secret").stream().map(secret -> secret.data().get("DATABASE_URL")).filter(Objects::nonNull).toList();
	}

	private static List<Manifest> of(String kind) {
		return manifests.stream().filter(manifest -> kind.equals(manifest.kind())).toList();
	}

	private static List<Workload> workloads() {
		return manifests.stream().map(Workload::of).filter(Objects::nonNull).toList();
	}

	private static Workload workload(String kind, String name) {
		return workloads().stream()
			.filter(w -> w.manifest().kind().equals(kind) && w.manifest().name().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("k8s/ has no " + kind + " " + name));
	}

	static @Nullable Object at(@Nullable Object node, String... path) {
		Object current = node;
		for (String key : path) {
			if (!(current instanceof Map<?, ?> map)) {
				return null;
			}
			current = map.get(key);
		}
		return current;
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(@Nullable Object node) {
		return (node instanceof Map<?, ?>) ? (Map<String, Object>) node : Map.of();
	}

	static List<?> list(@Nullable Object node) {
		return (node instanceof List<?> list) ? list : List.of();
	}

	/** One YAML document of a file in k8s/. */
	record Manifest(String file, Map<String, Object> document) {

		String kind() {
			return String.valueOf(document.get("kind"));
		}

		String name() {
			return String.valueOf(KubernetesManifestsAgreementTests.at(document, "metadata", "name"));
		}

		@Nullable Object at(String... path) {
			return KubernetesManifestsAgreementTests.at(document, path);
		}

		/** A ConfigMap's or Secret's keys and values. */
		Map<String, String> data() {
			Map<String, String> data = new LinkedHashMap<>();
			map(document.get("data")).forEach((key, value) -> data.put(key, String.valueOf(value)));
			map(document.get("stringData")).forEach((key, value) -> data.put(key, String.valueOf(value)));
			return data;
		}

		@Override
		public String toString() {
			return "k8s/" + file + " " + kind() + " " + name();
		}

	}

	/** A Deployment, Job or CronJob, through its pod template. */
	record Workload(Manifest manifest, Map<String, Object> pod) {

		static @Nullable Workload of(Manifest manifest) {
			Object template = switch (manifest.kind()) {
				case "Deployment", "Job" -> manifest.at("spec", "template");
				case "CronJob" -> manifest.at("spec", "jobTemplate", "spec", "template");
				default -> null;
			};
			return (template == null) ? null : new Workload(manifest, map(template));
		}

		Map<String, Object> labels() {
			return map(at(pod, "metadata", "labels"));
		}

		int replicas() {
			Object replicas = manifest.at("spec", "replicas");
			return (replicas instanceof Integer count) ? count : 1;
		}

		List<Map<String, Object>> containers() {
			return list(at(pod, "spec", "containers")).stream().map(KubernetesManifestsAgreementTests::map).toList();
		}

		List<Map<String, Object>> initContainers() {
			return list(at(pod, "spec", "initContainers")).stream().map(KubernetesManifestsAgreementTests::map).toList();
		}

		List<Map<String, Object>> allContainers() {
			List<Map<String, Object>> all = new ArrayList<>(initContainers());
			all.addAll(containers());
			return all;
		}

		/** Its containers' ports, by name where they have one. */
		List<Object> ports() {
			List<Object> ports = new ArrayList<>();
			for (Map<String, Object> container : containers()) {
				for (Object port : list(container.get("ports"))) {
					Map<String, Object> declared = map(port);
					ports.add(declared.containsKey("name") ? declared.get("name") : declared.get("containerPort"));
				}
			}
			return ports;
		}

		/** @return the number of the container port named {@code name}, or null when there is none */
		@Nullable Object containerPort(String name) {
			for (Map<String, Object> container : containers()) {
				for (Object declared : list(container.get("ports"))) {
					if (name.equals(map(declared).get("name"))) {
						return map(declared).get("containerPort");
					}
				}
			}
			return null;
		}

		/** Whether {@code reference} (a port name or number) names one of its containers' ports. */
		boolean declaresPort(@Nullable Object reference) {
			return ports().stream().anyMatch(port -> sameContainerPort(reference, port));
		}

		boolean sameContainerPort(@Nullable Object reference, Object port) {
			for (Map<String, Object> container : containers()) {
				for (Object declared : list(container.get("ports"))) {
					Map<String, Object> entry = map(declared);
					boolean isPort = port.equals(entry.get("name")) || port.equals(entry.get("containerPort"));
					if (isPort && reference != null
							&& (reference.equals(entry.get("name")) || reference.equals(entry.get("containerPort")))) {
						return true;
					}
				}
			}
			return false;
		}

		/** The variables a container sets itself, by value (null for one taken from a Secret or ConfigMap key). */
		Map<String, @Nullable Object> env(Map<String, Object> container) {
			Map<String, @Nullable Object> env = new HashMap<>();
			list(container.get("env")).forEach(variable -> env.put(String.valueOf(map(variable).get("name")), map(variable).get("value")));
			return env;
		}

		@Override
		public String toString() {
			return manifest.toString();
		}

	}

}
