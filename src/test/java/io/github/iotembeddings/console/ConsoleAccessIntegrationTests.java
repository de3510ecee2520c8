package io.github.iotembeddings.console;

import java.net.HttpCookie;
import java.nio.file.Path;
import java.time.Duration;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's door, over plain HTTP against a real {@code serve} process: only the admin token signs in,
 * the session cookie is HttpOnly and SameSite=Strict, every action needs the session and the CSRF token,
 * the pages carry a strict Content-Security-Policy and no secret, and sign-in attempts are rate limited.
 * What the pages show and do is tested in a real browser ({@link ConsoleBrowserIntegrationTests}).
 */
class ConsoleAccessIntegrationTests {

	@Test
	void onlyTheAdminTokenSignsInAndEveryActionNeedsSessionAndCsrf(@TempDir Path workingDir) throws Exception {
		try (TestDatabase db = TestDatabaseServer.get().createMigratedDatabase("console_access")) {
			// given embedded events and a serve process with both tokens
			db.insertSimpleEvents(20);
			assertThat(CliRun.run(db.environment(), "sync").exitCode()).isZero();
			String adminToken = "admin-" + System.nanoTime();
			String searchToken = "search-" + System.nanoTime();
			int port = Http.freePort();
			Map<String, String> environment = new HashMap<>(db.environment());
			environment.put("SERVER_PORT", String.valueOf(port));
			environment.put("EMBEDDINGS_ADMIN_TOKEN", adminToken);
			environment.put("EMBEDDINGS_SEARCH_TOKEN", searchToken);
			environment.put("EMBEDDINGS_SYNC_EXTERNAL_SCHEDULE", "*/5 * * * *");
			Process serve = JarProcess.start(workingDir, environment, "serve");
			try {
				Await.until(Duration.ofSeconds(120), "serve", () -> JarProcess.output(workingDir).contains("serve: console at"));
				assertThat(JarProcess.output(workingDir)).contains("serve: console at http://localhost:" + port + "/");

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
				ConsoleClient.Response signedIn = operator.signIn(adminToken);

				// then the session cookie is HttpOnly and SameSite=Strict (and not Secure over plain HTTP)
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
				ConsoleClient.Response overview = operator.get("/");
				assertThat(overview.body()).contains("Coverage").contains("id=\"coverage\"")
					.contains("sync run from outside the tool on */5 * * * *");

				// and behind a proxy that terminated TLS the cookie is Secure as well
				ConsoleClient.Response proxied = new ConsoleClient(port, Map.of("X-Forwarded-Proto", "https"))
					.signIn(adminToken);
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

				// and sign-in attempts from one address are limited
				ConsoleClient guesser = new ConsoleClient(port);
				String guesserCsrf = ConsoleClient.csrfOf(guesser.get("/login"));
				int lastStatus = 0;
				for (int attempt = 0; attempt <= SignInRateLimiter.ATTEMPTS_PER_MINUTE; attempt++) {
					lastStatus = guesser.post("/login", Map.of("token", "guess-" + attempt), guesserCsrf).status();
				}
				assertThat(lastStatus).isEqualTo(429);
			}
			finally {
				serve.destroy();
				serve.waitFor();
			}
		}
	}

}
