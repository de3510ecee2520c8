package io.github.iotembeddings.support;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The browser harness itself, against pages served here under the strict Content-Security-Policy the
 * console uses ({@code default-src 'self'}): a real Chromium clicks, runs a same-origin script that asks
 * the server, reports an inline script the policy refuses, keeps an HttpOnly cookie and takes screenshots.
 */
class HeadlessBrowserIntegrationTests {

	private static final String POLICY = "default-src 'self'";

	private static final Map<String, String> PAGES = Map.of(
			"/form.html", """
					<!doctype html>
					<html><head><title>Greeting</title><script src="/greet.js" defer></script></head>
					<body><form id="greeting"><input id="name" name="name"><button id="greet" type="button">Greet</button></form>
					<p id="result">nobody greeted</p></body></html>
					""",
			"/greet.js", """
					document.getElementById('greet').addEventListener('click', async () => {
					  const response = await fetch('/greet', { method: 'POST', body: document.getElementById('name').value });
					  document.getElementById('result').textContent = await response.text();
					});
					""",
			"/inline.html", """
					<!doctype html>
					<html><head><title>Inline</title></head>
					<body><p id="result">untouched</p>
					<script>document.getElementById('result').textContent = 'inline script ran';</script></body></html>
					""");

	private static HttpServer server;

	private static HeadlessBrowser browser;

	@BeforeAll
	static void start() throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/", HeadlessBrowserIntegrationTests::answer);
		server.start();
		browser = HeadlessBrowser.start();
	}

	@AfterAll
	static void stop() throws IOException {
		try {
			if (browser != null) {
				browser.close();
			}
		}
		finally {
			server.stop(0);
		}
	}

	@AfterEach
	void forget() {
		browser.reset();
	}

	@Test
	void clicksRunTheSameOriginScriptAndItsAnswerShows() {
		// given
		browser.open(url("/form.html"));
		browser.type(By.id("name"), "operator");

		// when
		browser.click(By.id("greet"));

		// then
		browser.untilText(By.id("result"), "hello, operator");
		assertThat(browser.pageSource()).contains("<title>Greeting</title>");
		assertThat(browser.cspViolations()).as("console: %s", browser.consoleMessages()).isEmpty();
	}

	@Test
	void anInlineScriptIsRefusedAndTheRefusalIsReported() {
		browser.open(url("/inline.html"));

		List<String> violations = browser.until("a Content-Security-Policy report",
				driver -> browser.cspViolations().isEmpty() ? null : browser.cspViolations());

		assertThat(violations).singleElement().asString().contains("inline script").contains(POLICY);
		assertThat(browser.text(By.id("result"))).isEqualTo("untouched");
	}

	@Test
	void httpOnlyCookiesAreVisibleToTheTest() {
		browser.open(url("/form.html"));

		Cookie visit = browser.cookie("visit");

		assertThat(visit).isNotNull();
		assertThat(visit.getValue()).isEqualTo("1");
		assertThat(visit.isHttpOnly()).isTrue();
		assertThat(visit.getSameSite()).isEqualTo("Strict");
		assertThat(browser.cookies()).extracting(Cookie::getName).containsExactly("visit");
	}

	@Test
	void resetForgetsCookiesAndTheConsole() {
		// given a cookie and a refusal on the console
		browser.open(url("/inline.html"));
		browser.until("a Content-Security-Policy report", driver -> !browser.cspViolations().isEmpty());

		// when
		browser.reset();

		// then
		assertThat(browser.cookies()).isEmpty();
		assertThat(browser.consoleMessages()).isEmpty();
		assertThat(browser.currentUrl()).isEqualTo("about:blank");
	}

	@Test
	void aScreenshotIsAPngOfTheWholeWindow(@TempDir Path dir) throws IOException {
		browser.open(url("/form.html"));

		Path file = browser.screenshot(dir.resolve("shots/form.png"));

		byte[] png = Files.readAllBytes(file);
		assertThat(png).startsWith(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
		BufferedImage image = ImageIO.read(file.toFile());
		assertThat(image.getWidth()).isEqualTo(1280);
		assertThat(image.getHeight()).isEqualTo(900);
	}

	private static String url(String path) {
		return "http://127.0.0.1:" + server.getAddress().getPort() + path;
	}

	private static void answer(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			String body;
			String type;
			if ("POST".equals(exchange.getRequestMethod()) && "/greet".equals(path)) {
				body = "hello, " + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
				type = "text/plain";
			}
			else if (PAGES.containsKey(path)) {
				body = PAGES.get(path);
				type = path.endsWith(".js") ? "text/javascript" : "text/html";
				exchange.getResponseHeaders().add("Set-Cookie", "visit=1; Path=/; HttpOnly; SameSite=Strict");
			}
			else {
				exchange.sendResponseHeaders(404, -1);
				return;
			}
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", type + "; charset=utf-8");
			exchange.getResponseHeaders().add("Content-Security-Policy", POLICY);
			exchange.sendResponseHeaders(200, bytes.length);
			exchange.getResponseBody().write(bytes);
		}
	}

}
