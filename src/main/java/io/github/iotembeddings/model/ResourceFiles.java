package io.github.iotembeddings.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Files the jar carries, copied out once to where a library loads them from. */
final class ResourceFiles {

	private ResourceFiles() {
	}

	/**
	 * Copies a class path resource to {@code target} unless a non-empty file is there already; atomically, so
	 * a process that reads it meanwhile (another pod's start) never sees half a file.
	 * @return false when there is no such resource
	 */
	static boolean copyOnce(String resource, Path target) throws IOException {
		try (InputStream in = ResourceFiles.class.getClassLoader().getResourceAsStream(resource)) {
			if (in == null) {
				return false;
			}
			if (Files.isRegularFile(target) && Files.size(target) > 0) {
				return true;
			}
			Files.createDirectories(target.getParent());
			Path partial = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".partial");
			Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
			Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			return true;
		}
	}

}
