package io.github.iotembeddings.support;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/** Work a test starts beside itself, as another process would run it: a pass to interrupt, a second pod. */
public final class OnThread {

	private OnThread() {
	}

	/** @return the outcome of {@code work}, which runs on a new thread named {@code name} */
	public static <T> CompletableFuture<T> start(String name, Callable<T> work) {
		CompletableFuture<T> outcome = new CompletableFuture<>();
		Thread thread = new Thread(() -> {
			try {
				outcome.complete(work.call());
			}
			catch (Throwable ex) {
				outcome.completeExceptionally(ex);
			}
		}, name);
		thread.start();
		return outcome;
	}

}
