package io.github.iotembeddings.config;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;

import javax.net.SocketFactory;

import jdk.net.ExtendedSocketOptions;

/**
 * Sockets with TCP keepalive probing on the tool's schedule rather than the operating system's (two hours
 * of silence on Linux before the first probe), so a connection whose peer vanished (a partition, a dead
 * NAT entry) is given up even while a long statement legitimately sends nothing. PgJDBC makes its sockets
 * here when {@link SessionBounds} names this class as {@code socketFactory}; the argument is
 * {@code idleSeconds,intervalSeconds,count}.
 */
public class KeepAliveSocketFactory extends SocketFactory {

	private final int idleSeconds;

	private final int intervalSeconds;

	private final int count;

	/** @param schedule {@code idleSeconds,intervalSeconds,count} */
	public KeepAliveSocketFactory(String schedule) {
		String[] parts = schedule.split(",");
		if (parts.length != 3) {
			throw new IllegalArgumentException("expected idleSeconds,intervalSeconds,count, not " + schedule);
		}
		this.idleSeconds = Integer.parseInt(parts[0].trim());
		this.intervalSeconds = Integer.parseInt(parts[1].trim());
		this.count = Integer.parseInt(parts[2].trim());
	}

	static String argument(int idleSeconds, int intervalSeconds, int count) {
		return idleSeconds + "," + intervalSeconds + "," + count;
	}

	@Override
	public Socket createSocket() throws IOException {
		Socket socket = new Socket();
		socket.setKeepAlive(true);
		// Where the platform lacks one of these options, the operating system's default stays.
		trySet(socket, ExtendedSocketOptions.TCP_KEEPIDLE, idleSeconds);
		trySet(socket, ExtendedSocketOptions.TCP_KEEPINTERVAL, intervalSeconds);
		trySet(socket, ExtendedSocketOptions.TCP_KEEPCOUNT, count);
		return socket;
	}

	private static void trySet(Socket socket, java.net.SocketOption<Integer> option, int value) throws IOException {
		if (socket.supportedOptions().contains(option)) {
			socket.setOption(option, value);
		}
	}

	@Override
	public Socket createSocket(String host, int port) throws IOException {
		throw new UnsupportedOperationException("PgJDBC creates unconnected sockets");
	}

	@Override
	public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
		throw new UnsupportedOperationException("PgJDBC creates unconnected sockets");
	}

	@Override
	public Socket createSocket(InetAddress host, int port) throws IOException {
		throw new UnsupportedOperationException("PgJDBC creates unconnected sockets");
	}

	@Override
	public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
			throws IOException {
		throw new UnsupportedOperationException("PgJDBC creates unconnected sockets");
	}

}
