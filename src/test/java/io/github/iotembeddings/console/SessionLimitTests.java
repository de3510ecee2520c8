package io.github.iotembeddings.console;

import java.io.IOException;

import io.github.iotembeddings.support.Http;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServer;

import static org.assertj.core.api.Assertions.assertThat;

/** The bound holds on the manager Tomcat really uses, in a real (embedded) Tomcat. */
class SessionLimitTests {

	@Test
	void aServerHeldToTwoSessionsRefusesTheThird() throws Exception {
		// given a server whose one servlet makes a session for every request, held to two sessions
		TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory(0);
		new SessionLimit(2).customize(factory);
		WebServer server = factory.getWebServer(context -> context.addServlet("session", new HttpServlet() {

			@Override
			protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
				request.getSession(true);
				response.setStatus(HttpServletResponse.SC_NO_CONTENT);
			}

		}).addMapping("/"));
		server.start();
		try {
			// when three clients without cookies ask, then two get a session and the third is refused one
			assertThat(Http.send(server.getPort(), "GET", "/", null)).isEqualTo(204);
			assertThat(Http.send(server.getPort(), "GET", "/", null)).isEqualTo(204);
			assertThat(Http.send(server.getPort(), "GET", "/", null)).isEqualTo(500);
		}
		finally {
			server.stop();
		}
	}

}
