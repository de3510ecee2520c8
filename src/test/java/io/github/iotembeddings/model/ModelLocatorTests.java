package io.github.iotembeddings.model;

import java.nio.file.Files;
import java.nio.file.Path;

import io.github.iotembeddings.config.InvalidConfigurationException;
import io.github.iotembeddings.config.ModelProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelLocatorTests {

	@Test
	void findsTheHuggingFaceOnnxLayoutAndItsLimit(@TempDir Path dir) throws Exception {
		// given Supabase/gte-small's layout: onnx/model.onnx, tokenizer files at the top
		Files.createDirectories(dir.resolve("onnx"));
		Files.writeString(dir.resolve("onnx/model.onnx"), "x");
		Files.writeString(dir.resolve("tokenizer.json"), "{}");
		Files.writeString(dir.resolve("tokenizer_config.json"), "{\"do_lower_case\": true, \"model_max_length\": 512}");

		ModelFiles files = new ModelLocator(EmbeddingModels.properties(dir, null, dir)).locate();

		assertThat(files.dir()).isEqualTo(dir.resolve("onnx"));
		assertThat(files.modelFileName()).isEqualTo("model");
		assertThat(files.engine()).isEqualTo("OnnxRuntime");
		assertThat(files.tokenizer()).isEqualTo(dir.resolve("tokenizer.json"));
		assertThat(files.maxLength()).isEqualTo(512);
	}

	@Test
	void torchScriptRunsOnPyTorchAndAnExplicitLimitWins(@TempDir Path dir) throws Exception {
		Files.writeString(dir.resolve("gte-small.pt"), "x");
		Files.writeString(dir.resolve("tokenizer.json"), "{}");

		ModelFiles files = new ModelLocator(EmbeddingModels.properties(dir, 128, dir)).locate();

		assertThat(files.engine()).isEqualTo("PyTorch");
		assertThat(files.modelFileName()).isEqualTo("gte-small");
		assertThat(files.maxLength()).isEqualTo(128);
	}

	@Test
	void limitFallsBackToConfigThenTo512(@TempDir Path dir) throws Exception {
		assertThat(ModelLocator.declaredMaxLength(dir)).isEqualTo(512);
		Files.writeString(dir.resolve("config.json"), "{\"max_position_embeddings\": 1024}");
		assertThat(ModelLocator.declaredMaxLength(dir)).isEqualTo(1024);
		Files.writeString(dir.resolve("tokenizer_config.json"), "{\"model_max_length\": 1000000000000000019884624838656}");
		assertThat(ModelLocator.declaredMaxLength(dir)).as("sentinel ignored").isEqualTo(1024);
	}

	@Test
	void directoryWithoutModelOrTokenizerIsRefused(@TempDir Path dir) throws Exception {
		assertThatThrownBy(() -> new ModelLocator(EmbeddingModels.properties(dir, null, dir)).locate())
			.isInstanceOf(InvalidConfigurationException.class)
			.hasMessageContaining("has no model.onnx");
		Files.writeString(dir.resolve("model.onnx"), "x");
		assertThatThrownBy(() -> new ModelLocator(EmbeddingModels.properties(dir, null, dir)).locate())
			.hasMessageContaining("has no tokenizer.json");
	}

}
