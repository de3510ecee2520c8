package io.github.iotembeddings.cli;

import java.io.PrintStream;
import java.time.Duration;
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

	/**
	 * Ends the process after {@code grace} if it has not ended by then: an orderly stop waits for the
	 * database (the run's last chunk, its STOPPED mark), which may not answer.
	 * @param grace how long the orderly stop may take
	 * @param err where to say why the process ends
	 */
	static void exitAfter(Duration grace, PrintStream err) {
		// A plain thread, not a Spring executor: it must outlive the context whose close it bounds.
		Thread deadline = new Thread(() -> {
			try {
				Thread.sleep(grace.toMillis());
			}
			catch (InterruptedException ex) {
				return;
			}
			err.println("error: the orderly stop did not end within " + grace.toSeconds() + " s (is the database"
					+ " answering?): exiting now; the interrupted run is resumed by the next sync");
			err.flush();
			Runtime.getRuntime().halt(ExitCodes.FAILED);
		}, "iot-embeddings-shutdown-deadline");
		deadline.setDaemon(true);
		deadline.start();
	}

}
