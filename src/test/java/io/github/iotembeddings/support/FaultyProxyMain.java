package io.github.iotembeddings.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The {@link FaultyProxy} as a process of its own, for the benchmark scripts
 * ({@code scripts/bench-partition.sh}): {@code FaultyProxyMain HOST PORT} listens on a free loopback port,
 * prints {@code port N}, then obeys one command per line on standard input, answering each with one line:
 * {@code partition} (open flows go silent for good; new flows work), {@code partition-all} (new flows
 * silent too, until {@code heal}), {@code heal}, {@code reset}, {@code delay MS}, {@code flows} (accepted
 * and open). It exits when standard input ends.
 */
public final class FaultyProxyMain {

	private FaultyProxyMain() {
	}

	public static void main(String[] args) throws IOException {
		if (args.length != 2) {
			System.err.println("usage: FaultyProxyMain HOST PORT");
			System.exit(2);
		}
		try (FaultyProxy proxy = FaultyProxy.to(args[0], Integer.parseInt(args[1]));
				BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
			System.out.println("port " + proxy.port());
			System.out.flush();
			for (String line = in.readLine(); line != null; line = in.readLine()) {
				String[] words = line.strip().split("\\s+");
				String answer = switch (words[0]) {
					case "partition" -> {
						int open = proxy.openFlows();
						proxy.partition();
						yield "partitioned " + open + " open flows";
					}
					case "partition-all" -> {
						proxy.partitionNewAndOpen();
						yield "partitioned open and new flows";
					}
					case "heal" -> {
						proxy.heal();
						yield "healed";
					}
					case "reset" -> {
						proxy.reset();
						yield "reset";
					}
					case "delay" -> {
						proxy.delay(Duration.ofMillis(Long.parseLong(words[1])));
						yield "delay " + words[1] + " ms";
					}
					case "flows" -> "accepted " + proxy.acceptedFlows() + " open " + proxy.openFlows();
					case "" -> "";
					default -> "unknown command: " + line;
				};
				System.out.println(answer);
				System.out.flush();
			}
		}
	}

}
