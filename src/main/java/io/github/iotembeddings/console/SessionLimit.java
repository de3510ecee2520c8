package io.github.iotembeddings.console;

import org.apache.catalina.Manager;
import org.apache.catalina.session.ManagerBase;
import org.apache.catalina.session.StandardManager;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * Holds the server to a number of sessions, whoever makes them. A visitor who has not signed in gets none
 * (see {@link ConsoleSecurityConfiguration}), so only sign-ins with the admin token count against it; it bounds
 * the memory should anything ever make sessions for others. Past the limit a sign-in fails (500) until a
 * session ends: signed out, or idle for {@code server.servlet.session.timeout}.
 */
class SessionLimit implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

	static final int MAX_SESSIONS = 1_000;

	private final int maxSessions;

	SessionLimit(int maxSessions) {
		this.maxSessions = maxSessions;
	}

	@Override
	public void customize(TomcatServletWebServerFactory factory) {
		// Tomcat makes a manager at start when none is set, and Boot sets one only for sessions persisted across
		// restarts (Boot's start listener then keeps a StandardManager from persisting them): bound one made here
		// in the first case, Boot's in the second.
		factory.addContextCustomizers(context -> {
			Manager manager = (context.getManager() != null) ? context.getManager() : new StandardManager();
			if (!(manager instanceof ManagerBase bounded)) {
				throw new IllegalStateException("cannot bound the sessions of " + manager);
			}
			bounded.setMaxActiveSessions(maxSessions);
			context.setManager(bounded);
		});
	}

}
