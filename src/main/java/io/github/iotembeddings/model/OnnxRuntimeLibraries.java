package io.github.iotembeddings.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * ONNX Runtime's native libraries, unpacked once into the directory that {@code -Donnxruntime.native.path}
 * names, from which ONNX Runtime's Java API then loads them. Without it, it copies them (20 MB) out of its
 * jar into a new temporary directory at every start, about 0.1 s of every CronJob fire that embeds. The
 * image unpacks them at build time (docker/train-aot-cache), and its entry point passes the path.
 */
public final class OnnxRuntimeLibraries {

	/** The system property ONNX Runtime's Java API loads its libraries from. */
	public static final String PATH_PROPERTY = "onnxruntime.native.path";

	private static final List<String> LIBRARIES = List.of("onnxruntime", "onnxruntime4j_jni");

	private OnnxRuntimeLibraries() {
	}

	/** Unpacks them into the directory {@value #PATH_PROPERTY} names; does nothing when it is not set. */
	public static void unpackWhereConfigured() {
		String dir = System.getProperty(PATH_PROPERTY);
		if (dir == null) {
			return;
		}
		String platform = platform(System.getProperty("os.name"), System.getProperty("os.arch"));
		for (String library : LIBRARIES) {
			String file = System.mapLibraryName(library);
			String resource = "ai/onnxruntime/native/" + platform + "/" + file;
			try {
				if (!ResourceFiles.copyOnce(resource, Path.of(dir, file))) {
					throw new IllegalStateException("ONNX Runtime has no " + resource + " for this platform");
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException("cannot unpack ONNX Runtime's " + file + " to " + dir, ex);
			}
		}
	}

	/** @return the directory of ONNX Runtime's jar that holds this platform's libraries, as it names them */
	static String platform(String osName, String osArch) {
		String os = osName.toLowerCase(Locale.ROOT);
		String system = os.contains("mac") ? "osx" : os.contains("win") ? "win" : "linux";
		String arch = osArch.toLowerCase(Locale.ROOT);
		return system + "-" + ((arch.equals("amd64") || arch.equals("x86_64")) ? "x64" : arch.equals("arm64") ? "aarch64" : arch);
	}

}
