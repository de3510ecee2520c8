package io.github.iotembeddings.common;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** Walks an exception's chain of causes. */
public final class Causes {

	private Causes() {
	}

	/** @return the failure and its causes, outermost first */
	public static List<Throwable> chain(Throwable failure) {
		List<Throwable> chain = new ArrayList<>();
		for (Throwable cause = failure; cause != null && !chain.contains(cause); cause = cause.getCause()) {
			chain.add(cause);
		}
		return chain;
	}

	/** @return the outermost cause of the given type, or null when there is none */
	public static <T extends Throwable> @Nullable T find(Throwable failure, Class<T> type) {
		return chain(failure).stream().filter(type::isInstance).map(type::cast).findFirst().orElse(null);
	}

	/** @return the deepest cause: the real one */
	public static Throwable root(Throwable failure) {
		List<Throwable> chain = chain(failure);
		return chain.get(chain.size() - 1);
	}

}
