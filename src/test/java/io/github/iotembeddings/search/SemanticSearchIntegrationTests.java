package io.github.iotembeddings.search;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.pgvector.PGvector;
import io.github.iotembeddings.model.EmbeddingModel;
import io.github.iotembeddings.support.OnThread;
import io.github.iotembeddings.support.TestApplication;
import io.github.iotembeddings.support.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code search} and {@code public.match_iot_events} on 2,000 events embedded by the real model, under an
 * HNSW index: the nearest events in exact order, filters that keep 1 % of the rows still returning the K
 * exact nearest (where an index walk comes back short), and the requests that must be refused.
 */
class SemanticSearchIntegrationTests {

	private static final int EVENTS = 2_000;

	private static final String RARE_DEVICE = "rare-device";

	@RegisterExtension
	static final TestApplication app = TestApplication.of("search").property("embeddings.index.manage", "false");

	private static long overheating;

	@BeforeAll
	static void eventsEmbeddedUnderAnHnswIndex() throws Exception {
		TestDatabase db = app.db();
		List<Long> ids = db.insertSimpleEvents(EVENTS);
		overheating = db.insertEvents(List.<String[]>of(new String[] { "thermo-9", "overheating_alert",
				"{\"message\": \"server room temperature above threshold, fans at full speed\"}" })).get(0);
		// 1 % of the events on one device, and one minute apart, the newest 1 % in the last 20 minutes
		db.jdbc().update("update public.iot_events set device_id = ? where id % 100 = 7", RARE_DEVICE);
		db.jdbc().update("update public.iot_events set created_at = now() - make_interval(mins => ?::int - id::int)",
				ids.get(ids.size() - 1) + 1);
		assertThat(app.sync().completed()).isTrue();
		db.jdbc().execute("drop index public.event_embeddings_embedding_idx");
		db.jdbc().execute("create index event_embeddings_embedding_idx on public.event_embeddings"
				+ " using hnsw (embedding vector_cosine_ops)");
		db.jdbc().execute("analyze public.event_embeddings");
	}

	@Test
	void findsTheNearestEventsInOrder() {
		// when
		SearchResult result = search(new SearchRequest("the server room is overheating", 10, null, null, Map.of(), SearchMode.SEMANTIC));

		// then the planted event comes first, and the ten are the exact ten nearest, nearest first
		assertThat(result.hits()).hasSize(10);
		assertThat(result.hits().get(0).id()).isEqualTo(overheating);
		assertThat(result.hits().get(0).text()).contains("server room temperature above threshold");
		assertThat(result.hits()).extracting(SearchHit::similarity).isSortedAccordingTo((a, b) -> Double.compare(b, a));
		assertExactNearest("the server room is overheating", result, "true");
		assertThat(result.model()).isEqualTo(app.bean(SemanticSearch.class).modelId());
	}

	@Test
	void aFilterOnOnePercentOfTheRowsStillReturnsKRows() {
		// given: walking the index without an iterative scan, its first candidates hold almost none of them
		String text = "battery running low";
		String query = queryVector(text);
		List<String> indexOnly = List.of("set local enable_seqscan = off", "set local enable_sort = off",
				"set local hnsw.ef_search = 40");
		List<Double> plain = firstColumn(append(indexOnly, "set local hnsw.iterative_scan = off"),
				"select ee.embedding <=> '" + query + "' from public.event_embeddings ee join public.iot_events e"
						+ " on e.id = ee.event_id where e.device_id = '" + RARE_DEVICE + "' order by ee.embedding <=> '"
						+ query + "' limit 10");
		assertThat(plain).as("a plain filtered index scan").hasSizeLessThan(10);

		// when the function answers it (exactly: the filter leaves 20 events, fewer than its 10,000 bound)
		List<Double> matched = firstColumn(indexOnly, "select 1 - similarity from public.match_iot_events('" + query
				+ "', 10, filter => '{\"device_id\": \"" + RARE_DEVICE + "\"}')");

		// then it returns ten rows, the exact ten nearest of the device's events
		assertThat(matched).hasSize(10).isEqualTo(exactDistances(text, "e.device_id = '" + RARE_DEVICE + "'", 10));

		// when
		SearchResult result = search(new SearchRequest(text, 10, null, null,
				Map.of("device_id", RARE_DEVICE), SearchMode.SEMANTIC));

		// and so does the search command's service
		assertThat(result.hits()).hasSize(10);
		assertExactNearest(text, result, "e.device_id = '" + RARE_DEVICE + "'");
	}

	@Test
	void aTimeRangeKeepsOnlyEventsInIt() {
		Instant since = Instant.now().minus(20, ChronoUnit.MINUTES);

		SearchResult result = search(new SearchRequest("door opened", 10, since, null, Map.of(), SearchMode.SEMANTIC));

		assertThat(result.hits()).hasSize(10).allSatisfy(hit -> assertThat(hit.createdAt()).isAfterOrEqualTo(since));
		assertExactNearest("door opened", result, "e.created_at >= '" + since + "'::timestamptz");
	}

	@Test
	void aJsonFilterMatchesInsideThePayload() {
		SearchResult result = search(new SearchRequest("temperature", 5, null, null,
				Map.of("payload", "{\"room\": \"room 3\"}", "event_type", "temperature_reading"), SearchMode.SEMANTIC));

		assertThat(result.hits()).hasSize(5).allSatisfy(hit -> assertThat(hit.text()).contains("room 3"));
		assertExactNearest("temperature", result, "e.payload @> '{\"room\": \"room 3\"}' and e.event_type = 'temperature_reading'");
	}

	@Test
	void theFunctionRefusesAFilterOnAColumnTheTableDoesNotHave() {
		assertThatExceptionOfType(org.springframework.dao.DataAccessException.class)
			.isThrownBy(() -> jdbc().queryForList("select id from public.match_iot_events(?::vector, 5, filter => ?::jsonb)",
					queryVector("x"), "{\"colour\": \"red\"}"))
			.havingRootCause()
			.withMessageContaining("filter key \"colour\" is not a column of public.iot_events");
	}

	@Test
	void embedsPassagesForARequestWhileAChunkHoldsTheJobsPredictor() throws Exception {
		// given a chunk being embedded: it holds the job's predictor, whose lock is the model itself
		EmbeddingModel model = app.bean(EmbeddingModel.class);
		String text = "door_opened event from device door-12: state open";
		float[] stored = model.embed(List.of(text))[0];
		CountDownLatch held = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		CompletableFuture<Object> chunk = OnThread.start("chunk", () -> {
			synchronized (model) {
				held.countDown();
				return release.await(60, TimeUnit.SECONDS);
			}
		});
		assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
		try {
			// when a request embeds the text as a passage (POST /embed with type passage)
			CompletableFuture<float[][]> request = OnThread.start("request",
					() -> app.bean(SemanticSearch.class).embed(List.of(text), true));

			// then it is answered without waiting for the chunk, with the vector the job stores
			float[] vector = request.get(30, TimeUnit.SECONDS)[0];
			assertThat(chunk).isNotDone();
			for (int i = 0; i < stored.length; i++) {
				assertThat(vector[i]).isCloseTo(stored[i], within(1e-5f));
			}
		}
		finally {
			release.countDown();
			chunk.get(30, TimeUnit.SECONDS);
		}
	}

	@Test
	void refusesWhatWouldGiveAWrongAnswer() {
		assertInvalid(new SearchRequest("  ", 10, null, null, Map.of(), SearchMode.HYBRID), "the query is empty");
		assertInvalid(new SearchRequest("x", 101, null, null, Map.of(), SearchMode.HYBRID), "between 1 and 100");
		assertInvalid(new SearchRequest("x", 10, null, null, Map.of("colour", "red"), SearchMode.HYBRID),
				"unknown filter 'colour': public.iot_events has the columns created_at, device_id");
		assertInvalid(new SearchRequest("x", 10, null, null, Map.of("id", "seven"), SearchMode.HYBRID), "does not fit its column's type");
		assertInvalid(new SearchRequest("x".repeat(2_001), 10, null, null, Map.of(), SearchMode.HYBRID), "at most 2000");

		// a model other than the rows' finds noise: refused, naming both
		long newest = jdbc().queryForObject("select max(event_id) from public.event_embeddings", Long.class);
		String model = jdbc().queryForObject("select model from public.event_embeddings where event_id = ?", String.class,
				newest);
		jdbc().update("update public.event_embeddings set model = 'other-model@512' where event_id = ?", newest);
		try {
			assertInvalid(new SearchRequest("x", 10, null, null, Map.of(), SearchMode.HYBRID),
					"made with model other-model@512 but the configured model is " + model);
		}
		finally {
			jdbc().update("update public.event_embeddings set model = ? where event_id = ?", model, newest);
		}
	}

	private static void assertInvalid(SearchRequest request, String message) {
		assertThatExceptionOfType(InvalidQueryException.class).isThrownBy(() -> search(request))
			.withMessageContaining(message);
	}

	/**
	 * Every hit is among the exact nearest under the same condition, by an exact scan with no index: its
	 * distance is at most the K-th exact distance (equal texts have equal vectors, so ids may tie).
	 */
	private static void assertExactNearest(String text, SearchResult result, String condition) {
		int k = result.hits().size();
		List<Double> exact = exactDistances(text, condition, k);
		for (int i = 0; i < k; i++) {
			assertThat(1 - result.hits().get(i).similarity()).as("distance of hit " + i).isCloseTo(exact.get(i), within(1e-6));
		}
	}

	private static List<Double> exactDistances(String text, String condition, int k) {
		List<Double> exact = firstColumn(List.of("set local enable_indexscan = off"), "select ee.embedding <=> '"
				+ queryVector(text) + "' from public.event_embeddings ee join public.iot_events e on e.id = ee.event_id"
				+ " where " + condition + " order by 1 limit " + k);
		assertThat(exact).hasSize(k);
		return exact;
	}

	private static List<String> append(List<String> list, String element) {
		List<String> longer = new ArrayList<>(list);
		longer.add(element);
		return longer;
	}

	private static SearchResult search(SearchRequest request) {
		return app.bean(SemanticSearch.class).search(request);
	}

	/** @return the text's vector as a query, in pgvector's text form */
	private static String queryVector(String text) {
		return new PGvector(app.bean(SemanticSearch.class).embed(List.of(text), false)[0]).toString();
	}

	/** @return the first column of the query's rows, as doubles, after the settings, in a transaction rolled back */
	private static List<Double> firstColumn(List<String> settings, String sql) {
		return jdbc().execute((Connection connection) -> {
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement()) {
				for (String setting : settings) {
					statement.execute(setting);
				}
				List<Double> values = new ArrayList<>();
				try (ResultSet rs = statement.executeQuery(sql)) {
					while (rs.next()) {
						values.add(rs.getDouble(1));
					}
				}
				return values;
			}
			finally {
				connection.rollback();
			}
		});
	}

	private static JdbcTemplate jdbc() {
		return app.db().jdbc();
	}

}
