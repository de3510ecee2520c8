package io.github.iotembeddings.web;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.iotembeddings.config.HttpProperties;
import io.github.iotembeddings.support.Await;
import io.github.iotembeddings.support.CliRun;
import io.github.iotembeddings.support.ConsoleClient;
import io.github.iotembeddings.support.Http;
import io.github.iotembeddings.support.JarProcess;
import io.github.iotembeddings.support.OnThread;
import io.github.iotembeddings.support.TestDatabase;
import io.github.iotembeddings.support.TestDatabaseServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bulkhead between HTTP requests and the job, against a real process: requests read through their
 * own pool (their sessions are {@value HttpProperties#APPLICATION_NAME} in {@code pg_stat_activity}, the
 * job's are not), a flood of them during a backfill is refused with 429 or 503 and never fails a chunk,
 * and a request that waits too long for the database, or for a connection, is answered 503 in one line.
 */
class RequestBulkheadIntegrationTests {

	private static final String SCHEDULER_SESSIONS = "iot-embeddings schedule";

	private static final String STATEMENT_TIMEOUT = "4s";

	/** What a search sends first: which model made the newest row. */
	private static final String SEARCH_FIRST_STATEMENT = "select model from public.event_embeddings";

	@Test
	void aFloodOfRequestsDuringABackfillIsRefusedButNeverFailsAChunk(@TempDir Path workingDir) throws Exception {
		try (TestDatabase db = TestDatabaseServer.get().createMigratedDatabase("bulkhead_flood")) {
			// given 40 embedded events, so searches find something, then 640 more, each write slowed
			db.insertSimpleEvents(40);
			assertThat(CliRun.run(db.environment(), "sync").exitCode()).isZero();
			db.insertSimpleEvents(640);
			db.recordWrites(0.02);

			// and a scheduler that serves two searches at once, whose cron will not fire during the test
			String searchToken = "search-" + System.nanoTime();
			String adminToken = "admin-" + System.nanoTime();
			int port = Http.freePort();
			Map<String, String> environment = new HashMap<>(db.environment());
			environment.put("SERVER_PORT", String.valueOf(port));
			environment.put("EMBEDDINGS_SEARCH_TOKEN", searchToken);
			environment.put("EMBEDDINGS_ADMIN_TOKEN", adminToken);
			environment.put("EMBEDDINGS_HTTP_MAX_CONCURRENT_SEARCHES", "2");
			environment.put("EMBEDDINGS_INDEX_MANAGE", "false");
			Process scheduler = JarProcess.start(workingDir, environment, "schedule", "--cron=0 0 0 1 1 ? 2099");
			Flood flood = null;
			try {
				Await.until(Duration.ofSeconds(120), "the scheduler", () -> JarProcess.output(workingDir).contains("schedule: running"));
				long before = db.count("select coalesce(max(job_execution_id), 0) from embeddings.batch_job_execution");

				// when the operator launches a backfill of the 640 from the console
				ConsoleClient operator = new ConsoleClient(port);
				operator.signIn(adminToken);
				String csrf = ConsoleClient.csrfOf(operator.get("/"));
				assertThat(operator.post("/backfills", Map.of("limit", "640"), csrf).status()).isEqualTo(200);

				// and 50 clients search and embed as fast as they are answered until it has ended
				flood = Flood.start(port, searchToken, 50);
				Await.until(Duration.ofSeconds(60), "the backfill's execution",
						() -> db.count("select count(*) from embeddings.batch_job_execution where job_execution_id > ?", before) > 0);
				long execution = db.count("select min(job_execution_id) from embeddings.batch_job_execution where job_execution_id > ?",
						before);
				Set<String> searchSessions = ConcurrentHashMap.newKeySet();
				Set<String> writeSessions = ConcurrentHashMap.newKeySet();
				Await.until(Duration.ofSeconds(300), "the backfill to end", () -> {
					sessionsRunning(db, "match_iot_events", searchSessions);
					sessionsRunning(db, "insert into public.event_embeddings", writeSessions);
					return db.jdbc().queryForObject("select end_time is not null from embeddings.batch_job_execution"
							+ " where job_execution_id = ?", Boolean.class, execution);
				});
				flood.stop();

				// then the backfill completed, no chunk rolled back, and each event was written once
				assertThat(db.jdbc().queryForObject("select status from embeddings.batch_job_execution where job_execution_id = ?",
						String.class, execution)).isEqualTo("COMPLETED");
				assertThat(db.count("select sum(rollback_count) from embeddings.batch_step_execution where job_execution_id = ?",
						execution)).isZero();
				assertThat(db.count("select sum(write_count) from embeddings.batch_step_execution where job_execution_id = ?",
						execution)).isEqualTo(640);
				assertThat(db.count("select count(*) from embedding_writes")).isEqualTo(640);
				assertThat(db.count("select count(distinct event_id) from embedding_writes")).isEqualTo(640);
				assertThat(db.missing()).isZero();

				// and while it ran, searches and embeddings were answered, and the rest refused with 429 or 503
				assertThat(flood.statuses("/search")).as("/search").containsKey(200).containsKey(429);
				assertThat(flood.statuses("/embed")).as("/embed").containsKey(200);
				assertThat(flood.allStatuses()).as("every answer").isSubsetOf(200, 429, 503);
				assertThat(flood.refusalsWithoutRetryAfter()).isZero();
				// (some because 2 were served at once, some because, while the backfill ran, requests had had
				// their share of the time)
				assertThat(flood.refusals()).anyMatch(body -> body.contains("is serving 2 requests at once"))
					.anyMatch(body -> body.contains("a run is embedding, and the query API has had its share of the time"));

				// and the searches ran on the requests' pool, the backfill's writes on the job's
				assertThat(searchSessions).containsExactly(HttpProperties.APPLICATION_NAME);
				assertThat(writeSessions).containsExactly(SCHEDULER_SESSIONS);
				System.out.printf("HTTP flood during a backfill: /search %s, /embed %s; the backfill of 640 took %.1f s%n",
						flood.statuses("/search"), flood.statuses("/embed"),
						db.jdbc().queryForObject("select extract(epoch from end_time - start_time) from"
								+ " embeddings.batch_job_execution where job_execution_id = ?", Double.class, execution));
			}
			finally {
				if (flood != null) {
					flood.stop();
				}
				scheduler.destroy();
				assertThat(scheduler.waitFor(60, TimeUnit.SECONDS)).isTrue();
			}
		}
	}

	@Test
	void aRequestThatWaitsTooLongForTheDatabaseIsAnswered503(@TempDir Path workingDir) throws Exception {
		try (TestDatabase db = TestDatabaseServer.get().createMigratedDatabase("bulkhead_timeout")) {
			// given embedded events, and serve with one connection for requests, two searches at once and
			// a statement timeout of 4 s
			db.insertSimpleEvents(20);
			assertThat(CliRun.run(db.environment(), "sync").exitCode()).isZero();
			String searchToken = "search-" + System.nanoTime();
			String adminToken = "admin-" + System.nanoTime();
			int port = Http.freePort();
			Map<String, String> environment = new HashMap<>(db.environment());
			environment.put("SERVER_PORT", String.valueOf(port));
			environment.put("EMBEDDINGS_SEARCH_TOKEN", searchToken);
			environment.put("EMBEDDINGS_ADMIN_TOKEN", adminToken);
			environment.put("EMBEDDINGS_HTTP_POOL_SIZE", "1");
			environment.put("EMBEDDINGS_HTTP_POOL_WAIT", "1s");
			environment.put("EMBEDDINGS_HTTP_STATEMENT_TIMEOUT", STATEMENT_TIMEOUT);
			environment.put("EMBEDDINGS_HTTP_MAX_CONCURRENT_SEARCHES", "2");
			Process serve = JarProcess.start(workingDir, environment, "serve");
			try (Connection holder = db.jdbc().getDataSource().getConnection()) {
				Await.until(Duration.ofSeconds(120), "serve", () -> JarProcess.output(workingDir).contains("serve: console at"));
				assertThat(Http.exchange(port, "GET", "/search?k=3&q=door", searchToken, null).status()).isEqualTo(200);
				ConsoleClient operator = new ConsoleClient(port, Map.of("Accept", "text/html"));
				operator.signIn(adminToken);

				// when a transaction holds a lock every search must wait for
				holder.setAutoCommit(false);
				try (Statement statement = holder.createStatement()) {
					statement.execute("lock table public.event_embeddings in access exclusive mode");
				}
				long held = System.nanoTime();
				CompletableFuture<Http.Response> slow = OnThread.start("slow search",
						() -> Http.exchange(port, "GET", "/search?k=3&q=door", searchToken, null));

				// then the search waits on a session of the requests' pool, not the job's
				Await.until(Duration.ofSeconds(30), "the search to wait for the lock",
						() -> !sessionsWaitingIn(db, SEARCH_FIRST_STATEMENT).isEmpty());
				assertThat(sessionsWaitingIn(db, SEARCH_FIRST_STATEMENT)).containsExactly(HttpProperties.APPLICATION_NAME);

				// and of two more searches meanwhile, one finds the limit reached (429 at once) and the other no
				// free connection within the pool's wait (503)
				long others0 = System.nanoTime();
				CompletableFuture<Http.Response> second = OnThread.start("second search",
						() -> Http.exchange(port, "GET", "/search?k=3&q=window", searchToken, null));
				CompletableFuture<Http.Response> third = OnThread.start("third search",
						() -> Http.exchange(port, "GET", "/search?k=3&q=battery", searchToken, null));
				List<Http.Response> others = List.of(second.get(30, TimeUnit.SECONDS), third.get(30, TimeUnit.SECONDS));
				long othersMillis = (System.nanoTime() - others0) / 1_000_000;
				assertThat(others).extracting(Http.Response::status).containsExactlyInAnyOrder(429, 503);
				assertThat(others).extracting(Http.Response::body).anySatisfy(body -> assertThat(body)
					.startsWith("{\"error\":\"the service is busy: the query API is serving 2 requests at once"));
				assertThat(others).extracting(Http.Response::body).anySatisfy(body -> assertThat(body)
					.startsWith("{\"error\":\"the service is busy: no database connection was free within 1 s"));

				// and the first is ended by the statement timeout: 503, the reason in one line of JSON
				Http.Response timedOut = slow.get(30, TimeUnit.SECONDS);
				long timedOutMillis = (System.nanoTime() - held) / 1_000_000;
				assertThat(timedOut.status()).isEqualTo(503);
				assertThat(timedOut.body()).isEqualTo("{\"error\":\"the query took too long: the database did not answer"
						+ " within 4 s (embeddings.http.statement-timeout); try again later, or ask for less\"}");

				// and a console page that waits as long says so in a line of HTML, a background refresh
				// without being swapped in
				ConsoleClient.Response page = operator.get("/events/search?q=door");
				assertThat(page.status()).isEqualTo(503);
				assertThat(page.header("Retry-After")).hasValue("1");
				assertThat(page.body()).contains("<div id=\"result\" class=\"result error\" role=\"status\">the query took too long")
					.doesNotContain("Exception").doesNotContain("\tat ");
				ConsoleClient htmx = new ConsoleClient(port, Map.of("HX-Request", "true"));
				htmx.signIn(adminToken);
				ConsoleClient.Response busyRefresh = htmx.get("/events/search?q=door");
				assertThat(busyRefresh.status()).isEqualTo(503);
				assertThat(busyRefresh.header("HX-Reswap")).hasValue("none");

				// when the lock is released, the same search is answered again on the same pool
				holder.rollback();
				long released = System.nanoTime();
				Http.Response after = Http.exchange(port, "GET", "/search?k=3&q=door", searchToken, null);
				assertThat(after.status()).as(after.body()).isEqualTo(200);
				System.out.printf("search held by a lock: 503 after %d ms (statement timeout %s), the 429 and the pool"
						+ " wait's 503 within %d ms, the next search answered %d ms after the release%n", timedOutMillis,
						STATEMENT_TIMEOUT, othersMillis, (System.nanoTime() - released) / 1_000_000);
				assertThat(JarProcess.output(workingDir)).doesNotContain("\tat ");
			}
			finally {
				serve.destroy();
				assertThat(serve.waitFor(60, TimeUnit.SECONDS)).isTrue();
			}
		}
	}

	/** Adds the application names of the tool's sessions whose current or last statement contains {@code sql}. */
	private static void sessionsRunning(TestDatabase db, String sql, Set<String> names) {
		names.addAll(db.jdbc().queryForList("""
				select distinct application_name from pg_stat_activity
				where datname = current_database() and application_name like 'iot-embeddings%' and query like ?""",
				String.class, "%" + sql + "%"));
	}

	/** @return the application names of the tool's sessions waiting for a lock in a statement containing {@code sql} */
	private static List<String> sessionsWaitingIn(TestDatabase db, String sql) {
		return db.jdbc().queryForList("""
				select application_name from pg_stat_activity
				where datname = current_database() and application_name like 'iot-embeddings%' and wait_event_type = 'Lock'
				  and query like ?""", String.class, "%" + sql + "%");
	}


	/** Clients that send requests, each as soon as the last was answered, until stopped. */
	private static final class Flood {

		private final AtomicBoolean running = new AtomicBoolean(true);

		private final Map<String, Map<Integer, Integer>> statuses = new ConcurrentHashMap<>();

		private final List<CompletableFuture<Void>> clients = new ArrayList<>();

		private final AtomicInteger refusalsWithoutRetryAfter = new AtomicInteger();

		private final Set<String> refusals = ConcurrentHashMap.newKeySet();

		static Flood start(int port, String token, int clients) {
			Flood flood = new Flood();
			HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
			for (int n = 0; n < clients; n++) {
				int client = n;
				flood.clients.add(OnThread.start("client " + n, () -> {
					for (int turn = 0; flood.running.get(); turn++) {
						flood.send(http, port, token, (client + turn) % 3 == 0);
					}
					return null;
				}));
			}
			return flood;
		}

		private void send(HttpClient http, int port, String token, boolean embed) throws Exception {
			HttpRequest.Builder request = HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + port + (embed ? "/embed"
						: "/search?k=10&q=" + URLEncoder.encode("door left open", StandardCharsets.UTF_8))))
				.header("Authorization", "Bearer " + token)
				.timeout(Duration.ofSeconds(60));
			if (embed) {
				request.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString("{\"input\": [\"door left open\", \"battery low\"], \"type\": \"passage\"}"));
			}
			int status;
			try {
				HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
				status = response.statusCode();
				if ((status == 429 || status == 503) && response.headers().firstValue("Retry-After").isEmpty()) {
					refusalsWithoutRetryAfter.incrementAndGet();
				}
				if (status == 429) {
					refusals.add(response.body());
				}
			}
			catch (IOException ex) {
				// no answer at all: counted as status 0, which the test refuses
				status = 0;
			}
			statuses.computeIfAbsent(embed ? "/embed" : "/search", path -> new ConcurrentHashMap<>())
				.merge(status, 1, Integer::sum);
		}

		void stop() throws Exception {
			running.set(false);
			for (CompletableFuture<Void> client : clients) {
				client.get(120, TimeUnit.SECONDS);
			}
		}

		/** @return the distinct bodies of the 429 answers */
		Set<String> refusals() {
			return refusals;
		}

		Map<Integer, Integer> statuses(String path) {
			return statuses.getOrDefault(path, Map.of());
		}

		Set<Integer> allStatuses() {
			Set<Integer> all = new TreeSet<>();
			statuses.values().forEach(byStatus -> all.addAll(byStatus.keySet()));
			return all;
		}

		int refusalsWithoutRetryAfter() {
			return refusalsWithoutRetryAfter.get();
		}

	}

}
