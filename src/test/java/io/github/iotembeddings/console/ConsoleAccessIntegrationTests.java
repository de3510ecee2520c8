package io.github.iotembeddings.console;

import java.net.HttpCookie;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.iotembeddings.support.Await;
import io.github.iotembeddings.support.CliRun;
import io.github.iotembeddings.support.ConsoleClient;
import io.github.iotembeddings.support.Http;
import io.github.iotembeddings.support.JarProcess;
import io.github.iotembeddings.support.TestDatabase;
import io.github.iotembeddings.support.TestDatabaseServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's door, over plain HTTP against one real {@code serve} process: only the admin token signs in,
 * the session cookie is HttpOnly and SameSite=Strict, every action needs the session and the CSRF token, the
 * pages carry a strict Content-Security-Policy and no secret, wrong tokens slow down only the address that sends
 * them, visitors who have not signed in get no session, and probes and metrics answer on the management port
 * only. What the pages show and do is tested in a real browser ({@link ConsoleBrowserIntegrationTests}).
 */
class ConsoleAccessIntegrationTests {

	@TempDir
	static Path workingDir;

	private static TestDatabase db;

	private static Process serve;

	private static int port;

	private static int managementPort;

	private static final String adminToken = "admin-" + System.nanoTime();

	private static final String searchToken = "search-" + System.nanoTime();

	@BeforeAll
	static void startServe() throws Exception {
		// given embedded events and a serve process with both tokens
		db = TestDatabaseServer.get().createMigratedDatabase("console_access");
		db.insertSimpleEvents(20);
		assertThat(CliRun.run(db.environment(), "sync").exitCode()).isZero();
		int[] ports = Http.twoFreePorts();
		port = ports[0];
		managementPort = ports[1];
		Map<String, String> environment = new HashMap<>(db.environment());
		environment.put("SERVER_PORT", String.valueOf(port));
		environment.put("MANAGEMENT_SERVER_PORT", String.valueOf(managementPort));
		environment.put("EMBEDDINGS_ADMIN_TOKEN", adminToken);
		environment.put("EMBEDDINGS_SEARCH_TOKEN", searchToken);
		environment.put("EMBEDDINGS_SYNC_EXTERNAL_SCHEDULE", "*/5 * * * *");
		serve = JarProcess.start(workingDir, environment, "serve");
		Await.until(Duration.ofSeconds(120), "serve", () -> JarProcess.output(workingDir).contains("serve: console at"));
		assertThat(JarProcess.output(workingDir)).contains("serve: console at http://localhost:" + port + "/")
			.contains("serve: probes and metrics at http://localhost:" + managementPort + "/actuator/health");
	}

	@AfterAll
	static void stopServe() throws Exception {
		if (serve != null) {
			serve.destroy();
			serve.waitFor();
		}
		if (db != null) {
			db.close();
		}
	}

	@Test
	void onlyTheAdminTokenSignsInAndEveryActionNeedsSessionAndCsrf() throws Exception {
		// then without a session every page sends to the sign-in page, and every action too
		ConsoleClient anonymous = new ConsoleClient(port);
		for (String page : List.of("/", "/executions", "/executions/1", "/errors", "/events/search?q=x",
				"/charts/runs.json")) {
			ConsoleClient.Response response = anonymous.get(page);
			assertThat(response.status()).as(page).isEqualTo(302);
			assertThat(response.header("Location")).as(page).hasValueSatisfying(
					location -> assertThat(location).endsWith("/login"));
		}
		// (a page's background refresh after the session ended is sent to sign in as a whole page)
		ConsoleClient.Response refresh = new ConsoleClient(port, Map.of("HX-Request", "true")).get("/");
		assertThat(refresh.status()).isEqualTo(401);
		assertThat(refresh.header("HX-Redirect")).hasValue("/login");
		String anonymousCsrf = ConsoleClient.csrfOf(anonymous.get("/login"));
		assertThat(anonymous.post("/syncs", Map.of(), anonymousCsrf).status()).isEqualTo(302);
		assertThat(anonymous.post("/backfills", Map.of("limit", "5"), null).status()).isEqualTo(403);

		// and a wrong token, or the search token, does not sign in
		ConsoleClient wrong = new ConsoleClient(port);
		assertThat(wrong.signIn("not-the-token").header("Location")).hasValueSatisfying(
				location -> assertThat(location).endsWith("/login?error"));
		assertThat(wrong.signIn(searchToken).header("Location")).hasValueSatisfying(
				location -> assertThat(location).endsWith("/login?error"));
		assertThat(wrong.get("/").status()).isEqualTo(302);

		// when the operator signs in with the admin token
		ConsoleClient operator = new ConsoleClient(port);
		ConsoleClient.Response signInPage = operator.get("/login");
		ConsoleClient.Response signedIn = operator.post("/login", Map.of("token", adminToken), ConsoleClient.csrfOf(signInPage));

		// then the CSRF cookie and the session cookie are HttpOnly and SameSite=Strict (and not Secure over plain HTTP)
		assertThat(signInPage.headers("Set-Cookie")).filteredOn(cookie -> cookie.startsWith("XSRF-TOKEN="))
			.singleElement().satisfies(cookie -> assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict")
				.doesNotContain("Secure"));
		assertThat(signedIn.status()).isEqualTo(302);
		assertThat(signedIn.header("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/"));
		String sessionCookie = signedIn.headers("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
			.findFirst().orElseThrow();
		assertThat(sessionCookie).contains("HttpOnly").contains("SameSite=Strict").doesNotContain("Secure");
		assertThat(operator.cookies()).extracting(HttpCookie::getName).contains("JSESSIONID");

		// and every page answers, under the strict policy, without any secret in it
		for (String page : List.of("/", "/executions", "/executions?status=FAILED&mode=sync", "/executions/1",
				"/errors", "/events/search?q=device+event", "/charts/runs.json")) {
			ConsoleClient.Response response = operator.get(page);
			assertThat(response.status()).as(page).isEqualTo(200);
			assertThat(response.body()).as(page).doesNotContain(adminToken).doesNotContain(searchToken)
				.doesNotContain(db.connection().password());
			if (!page.endsWith(".json")) {
				assertThat(response.header("Content-Security-Policy")).as(page)
					.hasValue(ConsoleSecurityConfiguration.CONTENT_SECURITY_POLICY);
				assertThat(response.header("X-Frame-Options")).as(page).hasValue("DENY");
			}
		}
		// and the search box is hybrid unless told otherwise, each hit saying why it matched
		assertThat(operator.get("/events/search?q=sensor-7+motion").body()).contains("keyword #1 + vector #")
			.contains("<option value=\"hybrid\" selected=\"selected\">");
		assertThat(operator.get("/events/search?q=sensor-7&mode=keyword").body()).contains("keyword #1")
			.doesNotContain("vector #").contains("Searched (keyword)");
		ConsoleClient.Response overview = operator.get("/");
		assertThat(overview.body()).contains("Coverage").contains("id=\"coverage\"")
			.contains("sync run from outside the tool on */5 * * * *");

		// and behind a proxy that terminated TLS both cookies are Secure as well
		ConsoleClient proxiedClient = new ConsoleClient(port, Map.of("X-Forwarded-Proto", "https"));
		ConsoleClient.Response proxiedPage = proxiedClient.get("/login");
		assertThat(proxiedPage.headers("Set-Cookie")).filteredOn(cookie -> cookie.startsWith("XSRF-TOKEN="))
			.singleElement().satisfies(cookie -> assertThat(cookie).contains("Secure").contains("HttpOnly"));
		ConsoleClient.Response proxied = proxiedClient.post("/login", Map.of("token", adminToken),
				ConsoleClient.csrfOf(proxiedPage));
		assertThat(proxied.headers("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst())
			.hasValueSatisfying(cookie -> assertThat(cookie).contains("Secure").contains("HttpOnly"));

		// and an action without the CSRF token is refused, with it is done, and bad input is refused
		assertThat(operator.post("/backfills", Map.of("limit", "5"), null).status()).isEqualTo(403);
		String csrf = ConsoleClient.csrfOf(overview);
		ConsoleClient.Response refused = operator.post("/backfills", Map.of("limit", "five"), csrf);
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.body()).contains("the number of events must be a whole number, not &#39;five&#39;");
		ConsoleClient.Response invalidFilter = operator.get("/executions?status=LOST");
		assertThat(invalidFilter.status()).isEqualTo(400);

		// and after signing out the session no longer opens the console
		assertThat(operator.post("/logout", Map.of(), csrf).status()).isEqualTo(302);
		assertThat(operator.get("/").status()).isEqualTo(302);
	}

	@Test
	void wrongTokensFromOneAddressNeverLockOutAnother() throws Exception {
		// given a CSRF token and its cookie, as the sign-in page hands them to anyone
		ConsoleClient page = new ConsoleClient(port);
		String csrf = ConsoleClient.csrfOf(page.get("/login"));
		String cookie = "XSRF-TOKEN=" + page.cookie("XSRF-TOKEN");

		// when 70 wrong tokens come from 127.0.0.2
		List<Http.Head> guesses = new ArrayList<>();
		for (int guess = 0; guess < 70; guess++) {
			guesses.add(signInFrom("127.0.0.2", "guess-" + guess, csrf, cookie));
		}

		// then the first few are told the token is wrong, the rest 429 with a Retry-After of at most a minute
		for (Http.Head answer : guesses.subList(0, SignInRateLimiter.FREE_FAILURES)) {
			assertThat(answer.status()).isEqualTo(302);
			assertThat(answer.header("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/login?error"));
		}
		for (Http.Head answer : guesses.subList(SignInRateLimiter.FREE_FAILURES, guesses.size())) {
			assertThat(answer.status()).isEqualTo(429);
			assertThat(answer.header("Retry-After")).hasValueSatisfying(
					seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 60));
		}
		// and not even the right token gets through from there while it waits
		assertThat(signInFrom("127.0.0.2", adminToken, csrf, cookie).status()).isEqualTo(429);
		assertThat(guesses).allSatisfy(answer -> assertThat(answer.headers("Set-Cookie"))
			.noneMatch(setCookie -> setCookie.startsWith("JSESSIONID=")));

		// and the operator at 127.0.0.3 signs in with the admin token at once
		Http.Head operator = signInFrom("127.0.0.3", adminToken, csrf, cookie);
		assertThat(operator.status()).isEqualTo(302);
		assertThat(operator.header("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/"));
		assertThat(operator.headers("Set-Cookie")).anyMatch(setCookie -> setCookie.startsWith("JSESSIONID="));
	}

	@Test
	void visitorsWhoHaveNotSignedInGetNoSession() throws Exception {
		// when visitors who have not signed in open pages, new ones and the same one again and again, and send
		// wrong tokens
		List<ConsoleClient.Response> answers = new ArrayList<>();
		ConsoleClient returning = new ConsoleClient(port);
		for (int visit = 0; visit < 10; visit++) {
			for (String path : List.of("/", "/login", "/executions", "/executions/1", "/webjars/htmx.org/dist/htmx.min.js")) {
				answers.add(new ConsoleClient(port).open(path));
				answers.add(returning.open(path));
			}
		}
		ConsoleClient guesser = new ConsoleClient(port);
		answers.add(guesser.signIn("not-the-token-either"));
		answers.add(guesser.get("/login?error"));

		// then no answer made a session
		assertThat(answers).hasSize(102).allSatisfy(answer -> assertThat(answer.headers("Set-Cookie"))
			.noneMatch(setCookie -> setCookie.startsWith("JSESSIONID=")));
		assertThat(returning.cookies()).extracting(HttpCookie::getName).doesNotContain("JSESSIONID");

		// and the page a visitor asked for is where signing in leads, kept in a cookie rather than a session
		ConsoleClient visitor = new ConsoleClient(port);
		assertThat(visitor.open("/executions?mode=sync").status()).isEqualTo(302);
		ConsoleClient.Response signedIn = visitor.signIn(adminToken);
		assertThat(signedIn.header("Location")).hasValueSatisfying(
				location -> assertThat(location).endsWith("/executions?mode=sync"));
		assertThat(visitor.get("/executions?mode=sync").status()).isEqualTo(200);
	}

	@Test
	void theApisAnswerByTheirTokensAndActionsSayWhyNot() throws Exception {
		// when a program calls the query API without its token, or with the admin token
		ConsoleClient.Response anonymous = new ConsoleClient(port).get("/search?q=door");
		ConsoleClient.Response adminTokenSearch = new ConsoleClient(port, Map.of("Authorization", "Bearer " + adminToken))
			.get("/search?q=door");

		// then it is told to authenticate by bearer token, with no session made
		for (ConsoleClient.Response refused : List.of(anonymous, adminTokenSearch)) {
			assertThat(refused.status()).isEqualTo(401);
			assertThat(refused.header("WWW-Authenticate")).hasValue("Bearer");
			assertThat(refused.headers("Set-Cookie")).noneMatch(setCookie -> setCookie.startsWith("JSESSIONID="));
		}
		// and serve has no admin API, whichever token is presented
		assertThat(new ConsoleClient(port, Map.of("Authorization", "Bearer " + adminToken)).get("/admin/executions")
			.status()).isEqualTo(404);
		assertThat(new ConsoleClient(port).get("/admin/executions").status()).isEqualTo(404);

		// when the operator asks for what serve cannot do, or about an execution there is not
		ConsoleClient operator = new ConsoleClient(port);
		operator.signIn(adminToken);
		String csrf = ConsoleClient.csrfOf(operator.get("/"));
		ConsoleClient htmx = new ConsoleClient(port, Map.of("HX-Request", "true"));
		htmx.signIn(adminToken);
		ConsoleClient.Response pause = htmx.post("/schedule/pause", Map.of(), ConsoleClient.csrfOf(htmx.get("/")));
		ConsoleClient.Response unknown = operator.post("/executions/987654/stop", Map.of(), csrf);

		// then the refusal is 409 with its reason as htmx's fragment, the unknown execution 404 as a page,
		// and an id that is no number Spring's own 400
		assertThat(pause.status()).isEqualTo(409);
		assertThat(pause.body()).contains("<div id=\"result\"").contains("this process runs no scheduler (serve)")
			.doesNotContain("<html");
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.body()).contains("<html").contains("no embedding job execution with id 987654");
		assertThat(operator.post("/executions/five/stop", Map.of(), csrf).status()).isEqualTo(400);
	}

	@Test
	void probesAndMetricsAnswerOnTheManagementPortOnly() throws Exception {
		// when the cluster asks the management port, without any session or token
		ConsoleClient cluster = new ConsoleClient(managementPort);
		ConsoleClient.Response health = cluster.get("/actuator/health");

		// then the probes, the health's details and the metrics answer, and make no session or CSRF cookie
		assertThat(cluster.get("/actuator/health/liveness").status()).isEqualTo(200);
		assertThat(cluster.get("/actuator/health/readiness").status()).isEqualTo(200);
		assertThat(health.status()).isEqualTo(200);
		assertThat(health.body()).contains("\"database\"").contains("\"details\"");
		ConsoleClient.Response metrics = cluster.get("/actuator/prometheus");
		assertThat(metrics.status()).isEqualTo(200);
		assertThat(metrics.body()).contains("jvm_memory_used_bytes");
		assertThat(cluster.get("/actuator/env").status()).as("only health and prometheus are exposed").isEqualTo(404);
		assertThat(cluster.cookies()).isEmpty();

		// and the console's port serves none of it: a visitor is sent to sign in, the operator finds nothing
		ConsoleClient visitor = new ConsoleClient(port);
		ConsoleClient operator = new ConsoleClient(port);
		assertThat(operator.signIn(adminToken).status()).isEqualTo(302);
		for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/prometheus", "/actuator")) {
			ConsoleClient.Response anonymous = visitor.get(path);
			assertThat(anonymous.status()).as(path).isEqualTo(302);
			assertThat(anonymous.header("Location")).as(path).hasValueSatisfying(location -> assertThat(location).endsWith("/login"));
			assertThat(operator.get(path).status()).as(path).isEqualTo(404);
		}
	}

	private static Http.Head signInFrom(String address, String token, String csrf, String cookie) throws Exception {
		String form = "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8) + "&_csrf="
				+ URLEncoder.encode(csrf, StandardCharsets.UTF_8);
		return Http.sendFrom(address, port, "POST", "/login",
				Map.of("Content-Type", "application/x-www-form-urlencoded", "Cookie", cookie), form);
	}

}
