package io.github.iotembeddings.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

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
