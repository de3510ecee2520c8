package io.github.iotembeddings.cli;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT into something the foreground command waits for, instead of the JVM's
 * default of running shutdown hooks and exiting 143: the scheduler then shuts down in order and the
 * process exits 0, as Kubernetes expects of a pod it stops.
 */
final class ShutdownSignal {

	private final BlockingQueue<String> received = new ArrayBlockingQueue<>(2);

	private ShutdownSignal() {
	}

	static ShutdownSignal install() {
		ShutdownSignal signal = new ShutdownSignal();
		for (String name : new String[] { "TERM", "INT" }) {
			Signal.handle(new Signal(name), s -> signal.received.offer(s.getName()));
		}
		return signal;
	}

	/** @return the name of the first signal received */
	String await() throws InterruptedException {
		return received.take();
	}

}
