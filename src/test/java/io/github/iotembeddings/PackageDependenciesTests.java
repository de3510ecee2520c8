package io.github.iotembeddings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The packages depend on each other without cycles, and the adapters on nothing but the services. */
class PackageDependenciesTests {

	private static final Path SOURCES = Path.of("src/main/java/io/github/iotembeddings");

	private static final Pattern IMPORT = Pattern.compile("^import (?:static )?io\\.github\\.iotembeddings\\.(\\w+)\\.",
			Pattern.MULTILINE);

	@Test
	void noPackageDependsOnItselfThroughOthers() throws IOException {
		Map<String, Set<String>> dependencies = dependencies();
		List<String> cycles = new ArrayList<>();
		for (String start : dependencies.keySet()) {
			findCycles(start, new ArrayList<>(List.of(start)), dependencies, cycles);
		}
		assertThat(cycles).as("package cycles").isEmpty();
	}

	@Test
	void noServiceDependsOnAnAdapter() throws IOException {
		Set<String> adapters = Set.of("cli", "schedule", "admin", "api", "console");
		dependencies().forEach((pkg, uses) -> {
			if (!adapters.contains(pkg) && !pkg.isEmpty()) {
				assertThat(uses).as(pkg + " depends on").doesNotContainAnyElementsOf(adapters);
			}
		});
	}

	private static void findCycles(String start, List<String> path, Map<String, Set<String>> dependencies,
			List<String> cycles) {
		for (String next : dependencies.getOrDefault(path.get(path.size() - 1), Set.of())) {
			if (next.equals(start)) {
				cycles.add(String.join(" -> ", path) + " -> " + start);
			}
			else if (!path.contains(next) && next.compareTo(start) > 0) {
				path.add(next);
				findCycles(start, path, dependencies, cycles);
				path.remove(path.size() - 1);
			}
		}
	}

	private static Map<String, Set<String>> dependencies() throws IOException {
		Map<String, Set<String>> dependencies = new TreeMap<>();
		try (Stream<Path> files = Files.walk(SOURCES)) {
			for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
				String pkg = SOURCES.relativize(file.getParent()).toString().replace('/', '.');
				Set<String> uses = dependencies.computeIfAbsent(pkg, key -> new TreeSet<>());
				Matcher matcher = IMPORT.matcher(Files.readString(file));
				while (matcher.find()) {
					if (!matcher.group(1).equals(pkg)) {
						uses.add(matcher.group(1));
					}
				}
			}
		}
		return dependencies;
	}

}
