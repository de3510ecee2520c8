package io.github.iotembeddings.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.iotembeddings.config.ConnectionSettings;

/**
 * A TCP proxy between the tool and PostgreSQL that can fail the network the ways a real one fails:
 * <ul>
 * <li>{@link #partition()}: every open flow goes silent in both directions, for good, without a FIN or a
 * RST (a partition, a dead NAT entry, a crashed middlebox); new flows work. The server side is not told
 * either: its half stays open, as a server across a partition sees it;</li>
 * <li>{@link #partitionNewAndOpen()}: the same, and new flows are accepted but silent too (the whole
 * network is down, while the address still answers);</li>
 * <li>{@link #delay(Duration)}: each chunk of bytes waits before it is forwarded (a slow link);</li>
 * <li>{@link #reset()}: every open flow is closed with a RST.</li>
 * </ul>
 * In-process and on loopback, so it needs nothing installed; each test gets its own.
 */
public final class FaultyProxy implements AutoCloseable {

	private static final Pattern JDBC_URL = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)(/.*)");

	private final ServerSocket server;

	private final InetSocketAddress target;

	private final Set<Flow> flows = ConcurrentHashMap.newKeySet();

	private final AtomicInteger accepted = new AtomicInteger();

	private volatile boolean silenceNew;

	private volatile long delayMillis;

	private final Thread acceptor;

	private FaultyProxy(InetSocketAddress target) throws IOException {
		this.target = target;
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.acceptor = new Thread(this::accept, "faulty-proxy-" + server.getLocalPort());
		this.acceptor.setDaemon(true);
		this.acceptor.start();
	}

	/** @return a proxy to {@code host:port}, listening on a free loopback port */
	public static FaultyProxy to(String host, int port) throws IOException {
		return new FaultyProxy(new InetSocketAddress(host, port));
	}

	/** @return a proxy in front of the server these settings connect to */
	public static FaultyProxy inFrontOf(ConnectionSettings connection) throws IOException {
		Matcher url = JDBC_URL.matcher(connection.jdbcUrl());
		if (!url.matches()) {
			throw new IllegalArgumentException("not a jdbc:postgresql://host:port/db URL: " + connection.jdbcUrl());
		}
		return to(url.group(1), Integer.parseInt(url.group(2)));
	}

	/** @return the same settings, through this proxy */
	public ConnectionSettings through(ConnectionSettings connection) {
		Matcher url = JDBC_URL.matcher(connection.jdbcUrl());
		if (!url.matches()) {
			throw new IllegalArgumentException("not a jdbc:postgresql://host:port/db URL: " + connection.jdbcUrl());
		}
		return new ConnectionSettings("jdbc:postgresql://127.0.0.1:" + port() + url.group(3), connection.user(),
				connection.password());
	}

	/** @return the port to connect to instead of the target's */
	public int port() {
		return server.getLocalPort();
	}

	/** @return flows accepted so far */
	public int acceptedFlows() {
		return accepted.get();
	}

	/** @return flows open now, silent ones included */
	public int openFlows() {
		return flows.size();
	}

	/** Silences every open flow for good; flows opened later work. */
	public void partition() {
		flows.forEach(Flow::silence);
	}

	/** Silences every open flow and every new one until {@link #heal()}. */
	public void partitionNewAndOpen() {
		silenceNew = true;
		partition();
	}

	/** New flows work again (flows silenced before stay silent, as dead ones do). */
	public void heal() {
		silenceNew = false;
	}

	/** Delays every chunk of bytes by {@code delay}, both ways; zero forwards at once again. */
	public void delay(Duration delay) {
		delayMillis = delay.toMillis();
	}

	/** Closes every open flow with a RST, both sides. */
	public void reset() {
		flows.forEach(Flow::reset);
	}

	private void accept() {
		while (!server.isClosed()) {
			try {
				Socket client = server.accept();
				accepted.incrementAndGet();
				Socket upstream = new Socket();
				upstream.connect(target, 5_000);
				Flow flow = new Flow(client, upstream);
				flows.add(flow);
				if (silenceNew) {
					flow.silence();
				}
				flow.start();
			}
			catch (IOException ex) {
				// closed, or the target refused: the client sees its flow end
			}
		}
	}

	@Override
	public void close() throws IOException {
		server.close();
		flows.forEach(Flow::reset);
	}

	private final class Flow {

		private final Socket client;

		private final Socket upstream;

		private volatile boolean silent;

		private Flow(Socket client, Socket upstream) {
			this.client = client;
			this.upstream = upstream;
		}

		void start() throws IOException {
			pump(client.getInputStream(), upstream.getOutputStream(), "up");
			pump(upstream.getInputStream(), client.getOutputStream(), "down");
		}

		/** Stops forwarding; both sockets stay open, so neither end hears anything, not even a close. */
		void silence() {
			silent = true;
		}

		void reset() {
			for (Socket socket : new Socket[] { client, upstream }) {
				try {
					socket.setSoLinger(true, 0);
					socket.close();
				}
				catch (IOException ignored) {
					// already gone
				}
			}
			flows.remove(this);
		}

		private void pump(InputStream in, OutputStream out, String direction) {
			Thread thread = new Thread(() -> {
				byte[] buffer = new byte[16 * 1024];
				try {
					int read;
					while ((read = in.read(buffer)) >= 0) {
						if (silent) {
							// Swallowed, as a partition swallows them; keep reading so the sender never blocks.
							continue;
						}
						if (delayMillis > 0) {
							Thread.sleep(delayMillis);
						}
						out.write(buffer, 0, read);
						out.flush();
					}
					if (!silent) {
						reset();
					}
				}
				catch (SocketException ex) {
					if (!silent) {
						reset();
					}
				}
				catch (IOException | InterruptedException ex) {
					reset();
				}
			}, "faulty-proxy-" + direction);
			thread.setDaemon(true);
			thread.start();
		}

	}

}
