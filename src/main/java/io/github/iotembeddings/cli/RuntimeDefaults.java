package io.github.iotembeddings.cli;

/**
 * System properties that must be set before DJL or Liquibase classes load. Each is only a default:
 * a value given with {@code -D} wins.
 */
final class RuntimeDefaults {

	private RuntimeDefaults() {
	}

	static void apply() {
		// No model hub is contacted, ever: models come from the jar or a local directory.
		setIfAbsent("ai.djl.offline", "true");
		setIfAbsent("OPT_OUT_TRACKING", "true");
		// The translator pools in Java, so ONNX Runtime needs no second engine for array maths; without
		// this DJL would start PyTorch (and unpack libtorch) just in case.
		setIfAbsent("ai.djl.onnx.disable_alternative", "true");
		setIfAbsent("ai.djl.default_engine", "OnnxRuntime");
		setIfAbsent("liquibase.analytics.enabled", "false");
		setIfAbsent("liquibase.showBanner", "false");
	}

	private static void setIfAbsent(String name, String value) {
		if (System.getProperty(name) == null) {
			System.setProperty(name, value);
		}
	}

}
