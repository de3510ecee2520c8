package io.github.iotembeddings.support;

import java.io.IOException;
import java.net.CookieHandler;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * The console as a program sees it: a cookie jar, form posts, and the CSRF token the pages carry. For
 * what a browser test need not show (headers, status codes, refusals); the browser tests drive the pages.
 */
public final class ConsoleClient {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private final int port;

	private final CookieManager cookies = new CookieManager();

	private final HttpClient client;

	private final Map<String, String> headers;

	public ConsoleClient(int port) {
		this(port, Map.of());
	}

	/**
	 * @param headers sent with every request, e.g. what a TLS-terminating proxy adds; with
	 * {@code X-Forwarded-Proto: https} the client keeps Secure cookies as the browser beyond that proxy would,
	 * though it speaks plain HTTP itself
	 */
	public ConsoleClient(int port, Map<String, String> headers) {
		this.port = port;
		this.headers = Map.copyOf(headers);
		CookieHandler handler = "https".equals(headers.get("X-Forwarded-Proto")) ? overTls(cookies) : cookies;
		this.client = HttpClient.newBuilder().cookieHandler(handler).followRedirects(HttpClient.Redirect.NEVER).build();
	}

	private static CookieHandler overTls(CookieManager cookies) {
		return new CookieHandler() {

			@Override
			public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) throws IOException {
				return cookies.get(https(uri), requestHeaders);
			}

			@Override
			public void put(URI uri, Map<String, List<String>> responseHeaders) throws IOException {
				cookies.put(https(uri), responseHeaders);
			}

		};
	}

	private static URI https(URI uri) {
		try {
			return new URI("https", uri.getUserInfo(), uri.getHost(), uri.getPort(), uri.getPath(), uri.getQuery(), null);
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException(ex);
		}
	}

	/**
	 * A response.
	 *
	 * @param status the HTTP status
	 * @param body the body as text
	 * @param headers the response's headers
	 */
	public record Response(int status, String body, Map<String, List<String>> headers) {

		public Optional<String> header(String name) {
			return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
				.flatMap(entry -> entry.getValue().stream()).findFirst();
		}

		public List<String> headers(String name) {
			return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
				.flatMap(entry -> entry.getValue().stream()).toList();
		}

	}

	public Response get(String path) throws Exception {
		return send(request(path).GET().build());
	}

	/** Posts a form, with a CSRF token, or none when {@code csrf} is null. */
	public Response post(String path, Map<String, String> fields, @Nullable String csrf) throws Exception {
		Map<String, String> form = new LinkedHashMap<>(fields);
		if (csrf != null) {
			form.put("_csrf", csrf);
		}
		String body = form.entrySet().stream()
			.map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
			.collect(Collectors.joining("&"));
		return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body)).build());
	}

	/** @return the CSRF token in a page's forms */
	public static String csrfOf(Response page) {
		Matcher matcher = CSRF.matcher(page.body());
		if (!matcher.find()) {
			throw new AssertionError("no CSRF token in the page: " + page.body());
		}
		return matcher.group(1);
	}

	/** Signs in with the admin token; @return the response to the sign-in post */
	public Response signIn(String token) throws Exception {
		return post("/login", Map.of("token", token), csrfOf(get("/login")));
	}

	public List<HttpCookie> cookies() {
		return cookies.getCookieStore().getCookies();
	}

	/** @return the value of the cookie the server set by that name */
	public String cookie(String name) {
		return cookies().stream().filter(cookie -> cookie.getName().equals(name)).map(HttpCookie::getValue).findFirst()
			.orElseThrow(() -> new AssertionError("no cookie " + name + " in " + cookies()));
	}

	/** @return a GET of {@code path} as a browser opening it asks: for a page */
	public Response open(String path) throws Exception {
		return send(request(path).header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8").GET().build());
	}

	private HttpRequest.Builder request(String path) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
		headers.forEach(request::header);
		return request;
	}

	private Response send(HttpRequest request) throws Exception {
		HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
		return new Response(response.statusCode(), response.body(), response.headers().map());
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
