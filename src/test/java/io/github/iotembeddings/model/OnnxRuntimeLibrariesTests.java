package io.github.iotembeddings.model;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class OnnxRuntimeLibrariesTests {

	@Test
	void namesThePlatformsAsOnnxRuntimesJarDoes() {
		assertThat(OnnxRuntimeLibraries.platform("Linux", "amd64")).isEqualTo("linux-x64");
		assertThat(OnnxRuntimeLibraries.platform("Linux", "aarch64")).isEqualTo("linux-aarch64");
		assertThat(OnnxRuntimeLibraries.platform("Mac OS X", "aarch64")).isEqualTo("osx-aarch64");
		assertThat(OnnxRuntimeLibraries.platform("Windows 11", "amd64")).isEqualTo("win-x64");
	}

	@Test
	void unpacksThisPlatformsLibrariesWhereThePropertySays(@TempDir Path dir) {
		String before = System.getProperty(OnnxRuntimeLibraries.PATH_PROPERTY);
		System.setProperty(OnnxRuntimeLibraries.PATH_PROPERTY, dir.toString());
		try {
			OnnxRuntimeLibraries.unpackWhereConfigured();
		}
		finally {
			if (before == null) {
				System.clearProperty(OnnxRuntimeLibraries.PATH_PROPERTY);
			}
			else {
				System.setProperty(OnnxRuntimeLibraries.PATH_PROPERTY, before);
			}
		}
		assertThat(dir.resolve(System.mapLibraryName("onnxruntime"))).isNotEmptyFile();
		assertThat(dir.resolve(System.mapLibraryName("onnxruntime4j_jni"))).isNotEmptyFile();
	}

}
