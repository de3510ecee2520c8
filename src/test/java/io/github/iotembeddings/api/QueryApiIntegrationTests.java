package io.github.iotembeddings.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.pgvector.PGvector;
import io.github.iotembeddings.support.Await;
import io.github.iotembeddings.support.CliRun;
import io.github.iotembeddings.support.Http;
import io.github.iotembeddings.support.JarProcess;
import io.github.iotembeddings.support.TestDatabase;
import io.github.iotembeddings.support.TestDatabaseServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code GET /search} and {@code POST /embed} on {@code schedule}'s server, as an app calls them: behind a
 * token of their own, within size limits, and with {@code /embed} giving exactly the vector the tool
 * stored for the same text, so an app that embeds its queries there searches in the same space.
 */
class QueryApiIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void searchesAndEmbedsAsTheToolDoesBehindTheSearchToken(@TempDir Path workingDir) throws Exception {
		try (TestDatabase db = TestDatabaseServer.get().createMigratedDatabase("query_api")) {
			// given embedded events
			List<Long> ids = db.insertSimpleEvents(40);
			assertThat(CliRun.run(db.environment(), "sync").exitCode()).isZero();
			long target = ids.get(17);
			String text = db.jdbc().queryForObject("select embeddings.iot_embeddings_event_text(e) from public.iot_events e"
					+ " where id = ?", String.class, target);

			// and a scheduler with both tokens, whose cron will not fire during the test
			String searchToken = "search-" + System.nanoTime();
			String adminToken = "admin-" + System.nanoTime();
			int port = Http.freePort();
			Map<String, String> environment = new HashMap<>(db.environment());
			environment.put("SERVER_PORT", String.valueOf(port));
			environment.put("EMBEDDINGS_SEARCH_TOKEN", searchToken);
			environment.put("EMBEDDINGS_ADMIN_TOKEN", adminToken);
			Process scheduler = JarProcess.start(workingDir, environment, "schedule", "--cron=0 0 0 1 1 ? 2099");
			try {
				Await.until(Duration.ofSeconds(120), "the scheduler", () -> JarProcess.output(workingDir).contains("schedule: running"));
				String search = "/search?k=3&q=" + URLEncoder.encode(text, StandardCharsets.UTF_8);

				// then only the search token opens the query API, and it opens nothing else
				assertThat(Http.exchange(port, "GET", search, null, null).status()).isEqualTo(401);
				assertThat(Http.exchange(port, "GET", search, adminToken, null).status()).isEqualTo(401);
				assertThat(Http.exchange(port, "GET", "/admin/executions", searchToken, null).status()).isEqualTo(401);

				// and the search finds the event by its own text first
				Http.Response found = Http.exchange(port, "GET", search, searchToken, null);
				assertThat(found.status()).as(found.body()).isEqualTo(200);
				JsonNode hits = JSON.readTree(found.body()).get("hits");
				assertThat(hits.size()).isEqualTo(3);
				assertThat(hits.get(0).get("id").asLong()).isEqualTo(target);
				assertThat(hits.get(0).get("text").asString()).isEqualTo(text);
				assertThat(hits.get(0).get("similarity").asDouble()).isGreaterThan(0.9999);

				// and, hybrid by default, it says why each hit matched: the event by its words and by its vector
				assertThat(JSON.readTree(found.body()).get("mode").asString()).isEqualTo("hybrid");
				assertThat(hits.get(0).get("keywordRank").asInt()).isEqualTo(1);
				assertThat(hits.get(0).get("semanticRank").asInt()).isEqualTo(1);
				assertThat(hits.get(0).get("score").asDouble()).isGreaterThan(0);

				// and mode=keyword finds a device by its name alone, without a vector
				String device = db.jdbc().queryForObject("select device_id from public.iot_events where id = ?", String.class,
						target);
				Http.Response named = Http.exchange(port, "GET", "/search?k=3&mode=keyword&q=" + device, searchToken, null);
				assertThat(named.status()).as(named.body()).isEqualTo(200);
				JsonNode byName = JSON.readTree(named.body());
				assertThat(byName.get("mode").asString()).isEqualTo("keyword");
				assertThat(byName.get("hits").size()).isEqualTo(1);
				assertThat(byName.get("hits").get(0).get("id").asLong()).isEqualTo(target);
				assertThat(byName.get("hits").get(0).get("keywordRank").asInt()).isEqualTo(1);
				assertThat(byName.get("hits").get(0).get("semanticRank").isNull()).isTrue();
				assertThat(Http.exchange(port, "GET", "/search?q=door&mode=fuzzy", searchToken, null).body())
					.contains("mode must be one of hybrid, semantic, keyword");

				// and /embed of the event's text as a passage is the stored vector
				Http.Response embedded = Http.exchange(port, "POST", "/embed", searchToken,
						JSON.writeValueAsString(Map.of("input", List.of(text), "type", "passage")));
				assertThat(embedded.status()).as(embedded.body()).isEqualTo(200);
				JsonNode vector = JSON.readTree(embedded.body()).get("embeddings").get(0);
				float[] stored = new PGvector(db.jdbc().queryForObject(
						"select embedding::text from public.event_embeddings where event_id = ?", String.class, target)).toArray();
				assertThat(vector.size()).isEqualTo(stored.length);
				double dot = 0;
				for (int i = 0; i < stored.length; i++) {
					assertThat(vector.get(i).floatValue()).isCloseTo(stored[i], within(1e-5f));
					dot += vector.get(i).floatValue() * stored[i];
				}
				assertThat(dot).as("cosine of /embed and the stored vector").isGreaterThanOrEqualTo(0.99999);

				// and what would be too much, or nothing, is refused with the reason
				assertThat(Http.exchange(port, "GET", "/search?k=3&q=", searchToken, null).body()).contains("the query is empty");
				assertThat(Http.exchange(port, "GET", "/search?k=101&q=door", searchToken, null).status()).isEqualTo(400);
				assertThat(Http.exchange(port, "POST", "/embed", searchToken,
						JSON.writeValueAsString(Map.of("input", "x".repeat(300_000)))).status()).isEqualTo(413);
				assertThat(Http.exchange(port, "POST", "/embed", searchToken,
						JSON.writeValueAsString(Map.of("input", List.of(), "type", "query"))).status()).isEqualTo(400);
			}
			finally {
				scheduler.destroy();
				assertThat(scheduler.waitFor(60, TimeUnit.SECONDS)).isTrue();
			}
			assertThat(JarProcess.output(workingDir)).doesNotContain(searchToken).doesNotContain(adminToken);
		}
	}

	@Test
	void theSearchTokenMustNotBeTheAdminToken(@TempDir Path workingDir) throws Exception {
		try (TestDatabase db = TestDatabaseServer.get().createMigratedDatabase("query_api_tokens")) {
			Map<String, String> environment = new HashMap<>(db.environment());
			environment.put("SERVER_PORT", String.valueOf(Http.freePort()));
			environment.put("EMBEDDINGS_SEARCH_TOKEN", "same-token-for-both");
			environment.put("EMBEDDINGS_ADMIN_TOKEN", "same-token-for-both");

			JarProcess schedule = JarProcess.run(workingDir, environment, "schedule");

			assertThat(schedule.exitCode()).isEqualTo(2);
			assertThat(schedule.output()).contains("EMBEDDINGS_SEARCH_TOKEN is the same as EMBEDDINGS_ADMIN_TOKEN")
				.doesNotContain("same-token-for-both");
		}
	}

}
