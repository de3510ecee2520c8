package io.github.iotembeddings.common;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.transaction.TransactionSystemException;

/** Walks an exception's chain of causes. */
public final class Causes {

	private Causes() {
	}

	/**
	 * @return the failure and its causes, outermost first; a failed rollback is followed by the failure it
	 * rolled back, then by its own cause
	 */
	public static List<Throwable> chain(Throwable failure) {
		List<Throwable> chain = new ArrayList<>();
		addChain(failure, chain);
		return chain;
	}

	private static void addChain(Throwable failure, List<Throwable> chain) {
		for (Throwable cause = failure; cause != null && !chain.contains(cause); cause = cause.getCause()) {
			chain.add(cause);
			if (cause instanceof TransactionSystemException rollback && rollback.getApplicationException() != null) {
				addChain(rollback.getApplicationException(), chain);
			}
		}
	}

	/** @return the outermost cause of the given type, or null when there is none */
	public static <T extends Throwable> @Nullable T find(Throwable failure, Class<T> type) {
		return chain(failure).stream().filter(type::isInstance).map(type::cast).findFirst().orElse(null);
	}

	/**
	 * @return the deepest cause: the real one. When a rollback failed after the work had failed (a connection
	 * lost mid-chunk fails the chunk, then its rollback), the work's failure is the real one: the rollback's
	 * "Connection is closed" only repeats it.
	 */
	public static Throwable root(Throwable failure) {
		List<Throwable> chain = chain(failure);
		for (Throwable cause : chain) {
			if (cause instanceof TransactionSystemException rollback && rollback.getApplicationException() != null) {
				return root(rollback.getApplicationException());
			}
		}
		return chain.get(chain.size() - 1);
	}

}
