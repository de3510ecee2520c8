package io.github.iotembeddings.status;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.iotembeddings.support.Await;
import io.github.iotembeddings.support.CliRun;
import io.github.iotembeddings.support.Http;
import io.github.iotembeddings.support.JarProcess;
import io.github.iotembeddings.support.TestDatabase;
import io.github.iotembeddings.support.TestDatabaseServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code schedule}'s metrics and health, and the {@code status} command, against a real database. */
class ObservabilityIntegrationTests {

	/** Never in this test's lifetime: the backlog stays put while it is measured. */
	private static final String NEVER = "--cron=0 0 0 1 1 ? 2099";

	@Test
	void metricsShowThePendingCountAndHealthTurnsDownWhenTheDatabaseGoes(@TempDir Path workingDir) throws Exception {
		try (TestDatabase db = TestDatabaseServer.get().createMigratedDatabase("observability")) {
			// given 40 events of which 15 are embedded, and a scheduler that will not sync meanwhile
			db.insertSimpleEvents(15);
			assertThat(CliRun.run(db.environment(), "sync").exitCode()).isZero();
			db.insertSimpleEvents(25);
			int[] ports = Http.twoFreePorts();
			int port = ports[1];
			Map<String, String> environment = new HashMap<>(db.environment());
			environment.put("SERVER_PORT", String.valueOf(ports[0]));
			environment.put("MANAGEMENT_SERVER_PORT", String.valueOf(port));
			environment.put("EMBEDDINGS_METRICS_REFRESH", "500ms");
			environment.put("EMBEDDINGS_METRICS_MAX_LAG", "1h");
			Process scheduler = JarProcess.start(workingDir, environment, "schedule", NEVER);
			try {
				// when the metrics are scraped on the management port, then the pending count is the SQL count
				long missing = db.missing();
				assertThat(missing).isEqualTo(25);
				Await.until(Duration.ofSeconds(90), "the pending count in the metrics",
						() -> metric(port, "iot_embeddings_pending_events") == missing);
				assertThat(metric(port, "iot_embeddings_embedded_rows")).isEqualTo(15);
				assertThat(metric(port, "iot_embeddings_stale_rows")).isZero();
				assertThat(metric(port, "iot_embeddings_oldest_pending_age_seconds")).isGreaterThanOrEqualTo(0);
				assertThat(metric(port, "iot_embeddings_last_run_success")).isEqualTo(1);
				assertThat(get(port, "/actuator/prometheus").body()).contains("iot_embeddings_model_calls_seconds_count")
					// (the job's connection pool; the requests' shows once a request has opened it)
					.contains("hikaricp_connections_pending{pool=\"iot-embeddings\"");
				// (the backlog is measured from start-up; the process is ready once its model has loaded)
				Await.until(Duration.ofSeconds(90), "ready", () -> get(port, "/actuator/health/readiness").statusCode() == 200);
				HttpResponse<String> health = get(port, "/actuator/health");
				assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
				assertThat(health.body()).contains("\"database\"").contains("\"embeddingModel\"").contains("\"embeddingLag\"")
					.contains("\"sync\"").contains("\"pending\":25");
				// (and the console's port, which an Ingress may publish, serves neither)
				assertThat(get(ports[0], "/actuator/prometheus").statusCode()).isEqualTo(302);
				assertThat(get(ports[0], "/actuator/health").statusCode()).isEqualTo(302);

				// when the database becomes unreachable
				db.admin().execute("alter database " + db.name() + " with allow_connections false");
				db.admin().queryForList("select pg_terminate_backend(pid) from pg_stat_activity where datname = ?"
						+ " and pid <> pg_backend_pid()", db.name());

				// then health turns DOWN, while liveness stays up (a restart would not bring the database back)
				Await.until(Duration.ofSeconds(90), "health DOWN", () -> get(port, "/actuator/health").statusCode() == 503);
				assertThat(get(port, "/actuator/health").body()).contains("\"status\":\"DOWN\"");
				assertThat(get(port, "/actuator/health/liveness").statusCode()).isEqualTo(200);
				Await.until(Duration.ofSeconds(30), "readiness DOWN",
						() -> get(port, "/actuator/health/readiness").statusCode() == 503);
			}
			finally {
				db.admin().execute("alter database " + db.name() + " with allow_connections true");
				scheduler.destroy();
				assertThat(scheduler.waitFor(60, TimeUnit.SECONDS)).isTrue();
			}
			assertThat(Files.readString(workingDir.resolve(JarProcess.OUTPUT))).doesNotContain(db.connection().password());
		}
	}

	@Test
	void statusPrintsCoverageBacklogRunsAndTheIndex() {
		try (TestDatabase db = TestDatabaseServer.get().createMigratedDatabase("status")) {
			db.insertSimpleEvents(8);
			assertThat(CliRun.run(db.environment(), "backfill", "--limit=6").exitCode()).isZero();

			CliRun status = CliRun.run(db.environment(), "status");

			assertThat(status.exitCode()).as(status.toString()).isZero();
			assertThat(status.out()).contains("coverage:  75.0% of about 8 events")
				.contains("backlog:   2 events pending")
				.contains("index:     ivfflat, lists = 100")
				.contains("not built by the tool")
				.contains("ivfflat.probes = 10")
				.containsPattern("runs: +execution \\d+ backfill COMPLETED, 6 embedded");
		}
	}

	@Test
	void logsCanBeJsonLines(@TempDir Path workingDir) throws Exception {
		try (TestDatabase db = TestDatabaseServer.get().createMigratedDatabase("json_logs")) {
			db.insertSimpleEvents(3);
			Map<String, String> environment = new HashMap<>(db.environment());
			environment.put("EMBEDDINGS_LOG_FORMAT", "json");

			JarProcess backfill = JarProcess.run(workingDir, environment, "backfill", "--limit=3");

			assertThat(backfill.exitCode()).as(backfill.output()).isZero();
			List<String> logLines = backfill.output().lines().filter(line -> line.startsWith("{")).toList();
			assertThat(logLines).isNotEmpty();
			JsonMapper json = JsonMapper.builder().build();
			for (String line : logLines) {
				assertThat(json.readTree(line).path("message").asString()).isNotEmpty();
			}
			assertThat(logLines).anySatisfy(line -> assertThat(line).contains("events embedded"));
			assertThat(backfill.output()).doesNotContain(db.connection().password());
		}
	}

	/** @return the metric's value, or NaN while the scheduler is not serving yet or has not measured */
	private static double metric(int port, String name) {
		String body;
		try {
			body = get(port, "/actuator/prometheus").body();
		}
		catch (IllegalStateException notUpYet) {
			return Double.NaN;
		}
		Matcher matcher = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*\\})? ([-0-9.eE+NaN]+)$").matcher(body);
		return matcher.find() ? Double.parseDouble(matcher.group(1)) : Double.NaN;
	}

	private static HttpResponse<String> get(int port, String path) {
		try {
			return HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
						HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException("GET " + path + " failed: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
