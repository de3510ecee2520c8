package io.github.iotembeddings.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/** Requests to a server the test started on this machine. */
public final class Http {

	/** A server that does not answer in this time fails the test rather than hanging it. */
	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private Http() {
	}

	public static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/** @return two different free ports, e.g. for a server and its management server */
	public static int[] twoFreePorts() throws IOException {
		try (ServerSocket first = new ServerSocket(0); ServerSocket second = new ServerSocket(0)) {
			return new int[] { first.getLocalPort(), second.getLocalPort() };
		}
	}

	/**
	 * A status and headers.
	 *
	 * @param status the HTTP status
	 * @param headers the response's header lines, names in lower case
	 */
	public record Head(int status, Map<String, List<String>> headers) {

		public Optional<String> header(String name) {
			return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of()).stream().findFirst();
		}

		public List<String> headers(String name) {
			return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
		}

	}

	/**
	 * Sends one HTTP/1.1 request to 127.0.0.1:port from the local address {@code from} (any of 127.0.0.0/8 is
	 * this machine), as a client on another address would; java.net.http cannot choose its local address
	 * before Java 19.
	 *
	 * @return the response's status and headers
	 */
	public static Head sendFrom(String from, int port, String method, String path, Map<String, String> headers,
			String body) throws IOException {
		byte[] content = body.getBytes(StandardCharsets.UTF_8);
		StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
				+ "\r\nConnection: close\r\nContent-Length: " + content.length + "\r\n");
		headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
		request.append("\r\n");
		try (Socket socket = new Socket()) {
			socket.setSoTimeout(30_000);
			socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
			out.write(content);
			out.flush();
			String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
			String[] lines = response.substring(0, response.indexOf("\r\n\r\n")).split("\r\n");
			Map<String, List<String>> head = new LinkedHashMap<>();
			for (String line : List.of(lines).subList(1, lines.length)) {
				int colon = line.indexOf(':');
				head.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), name -> new ArrayList<>())
					.add(line.substring(colon + 1).trim());
			}
			return new Head(Integer.parseInt(lines[0].split(" ")[1]), head);
		}
	}

	/** @return the status of {@code method path} on 127.0.0.1:port, with a bearer token when one is given */
	public static int send(int port, String method, String path, @Nullable String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(TIMEOUT)
			.method(method, HttpRequest.BodyPublishers.noBody());
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	/**
	 * A status and a body.
	 *
	 * @param status the HTTP status
	 * @param body the response body as text
	 */
	public record Response(int status, String body) {
	}

	/** @return the response to {@code method path} on 127.0.0.1:port, with a JSON body when one is given */
	public static Response exchange(int port, String method, String path, @Nullable String token, @Nullable String json)
			throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(TIMEOUT)
			.method(method, (json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
		return new Response(response.statusCode(), response.body());
	}

}
