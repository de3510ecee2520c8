package io.github.iotembeddings.model;

import java.nio.file.Files;
import java.nio.file.Path;

import io.github.iotembeddings.config.InvalidConfigurationException;
import io.github.iotembeddings.config.ModelProperties;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where each model setting comes from: configured, else the model directory, else the default. */
class ModelSettingsResolverTests {

	@Test
	void aPlainDirectoryGetsTheDefaultsAndSaysWhy(@TempDir Path dir) {
		ModelSettingsResolver.Resolved resolved = ModelSettingsResolver.resolve(properties(dir, null, null, null));

		assertThat(resolved.settings()).isEqualTo(ModelSettings.DEFAULTS);
		assertThat(resolved.description()).isEqualTo("pooling mean (default: no 1_Pooling/config.json), query prefix none"
				+ " (default: no config_sentence_transformers.json), passage prefix none (default: no"
				+ " config_sentence_transformers.json)");
	}

	@Test
	void theBundledModelGetsTheDefaults(@TempDir Path cache) {
		ModelSettingsResolver.Resolved resolved = ModelSettingsResolver.resolve(properties(null, null, null, null));

		assertThat(resolved.settings()).isEqualTo(ModelSettings.DEFAULTS);
		assertThat(resolved.description()).contains("pooling mean (bundled model)");
	}

	@Test
	void theDirectoryInSentenceTransformersLayoutDecides(@TempDir Path dir) throws Exception {
		// given bge's pooling and e5-style prompts, under the "document" name some models use
		writePooling(dir, "\"pooling_mode_cls_token\": true, \"pooling_mode_mean_tokens\": false");
		Files.writeString(dir.resolve("config_sentence_transformers.json"),
				"{\"prompts\": {\"query\": \"query: \", \"document\": \"passage: \"}}");

		ModelSettingsResolver.Resolved resolved = ModelSettingsResolver.resolve(properties(dir, null, null, null));

		assertThat(resolved.settings()).isEqualTo(new ModelSettings(Pooling.CLS, "query: ", "passage: "));
		assertThat(resolved.description()).isEqualTo("pooling cls (1_Pooling/config.json), query prefix \"query: \""
				+ " (config_sentence_transformers.json prompts.query), passage prefix \"passage: \""
				+ " (config_sentence_transformers.json prompts.document)");
	}

	@Test
	void configurationWinsOverTheDirectoryAndAnEmptyPrefixMeansNone(@TempDir Path dir) throws Exception {
		writePooling(dir, "\"pooling_mode_cls_token\": true");
		Files.writeString(dir.resolve("config_sentence_transformers.json"),
				"{\"prompts\": {\"query\": \"query: \", \"passage\": \"passage: \"}}");

		ModelSettingsResolver.Resolved resolved = ModelSettingsResolver.resolve(properties(dir, "MEAN", "", "doc: "));

		assertThat(resolved.settings()).isEqualTo(new ModelSettings(Pooling.MEAN, "", "doc: "));
		assertThat(resolved.description()).isEqualTo("pooling mean (configured: embeddings.model.pooling), query prefix"
				+ " none (configured: embeddings.model.query-prefix), passage prefix \"doc: \" (configured:"
				+ " embeddings.model.passage-prefix)");
	}

	@Test
	void aPoolingTheToolCannotComputeIsRefusedInOneLine(@TempDir Path dir) throws Exception {
		writePooling(dir, "\"pooling_mode_mean_tokens\": false, \"pooling_mode_max_tokens\": true");

		assertThatThrownBy(() -> ModelSettingsResolver.resolve(properties(dir, null, null, null)))
			.isInstanceOf(InvalidConfigurationException.class)
			.hasMessageContaining("1_Pooling/config.json asks for pooling_mode_max_tokens")
			.hasMessageContaining("EMBEDDINGS_MODEL_POOLING")
			.hasMessageNotContaining("\n");
		assertThatThrownBy(() -> ModelSettingsResolver.resolve(properties(dir, "max", null, null)))
			.isInstanceOf(InvalidConfigurationException.class)
			.hasMessage("embeddings.model.pooling is \"max\": the tool pools by mean or cls");
	}

	@Test
	void theConfiguredValuesTheSettingsTypeAcceptsAreThePoolingsTheModelComputes() {
		for (Pooling pooling : Pooling.values()) {
			assertThat(pooling.toString()).matches(ModelProperties.POOLING_VALUES);
		}
		assertThat(ModelProperties.POOLING_VALUES.split("\\|")).hasSize(Pooling.values().length);
	}

	@Test
	void theIdChangesOnlyWhenStoredVectorsWould() {
		assertThat(ModelSettings.DEFAULTS.idSuffix()).as("today's ids stay as they are").isEmpty();
		assertThat(new ModelSettings(Pooling.MEAN, "query: ", "").idSuffix()).as("queries are not stored").isEmpty();
		assertThat(new ModelSettings(Pooling.CLS, "", "").idSuffix()).isEqualTo("+cls");
		assertThat(new ModelSettings(Pooling.MEAN, "query: ", "passage: ").idSuffix()).isEqualTo("+passage=\"passage: \"");
		assertThat(new ModelSettings(Pooling.CLS, "", "passage: ").idSuffix()).isEqualTo("+cls+passage=\"passage: \"");
	}

	@Test
	void thePlainDirectoryAndTheBundledModelKeepTheirIds(@TempDir Path dir) throws Exception {
		// given a mean-pooled sentence-transformers directory, as gte-small's
		writePooling(dir, "\"pooling_mode_mean_tokens\": true, \"pooling_mode_cls_token\": false");
		Files.writeString(dir.resolve("model.onnx"), "x");
		Files.writeString(dir.resolve("tokenizer.json"), "{}");

		ModelFiles files = new ModelLocator(properties(dir, null, null, null)).locate();
		String suffix = ModelSettingsResolver.resolve(properties(dir, null, null, null)).settings().idSuffix();

		assertThat(files.name() + "@" + files.maxLength() + suffix).isEqualTo(dir.getFileName() + "@512");
	}

	private static void writePooling(Path dir, String modes) throws Exception {
		Files.createDirectories(dir.resolve("1_Pooling"));
		Files.writeString(dir.resolve("1_Pooling/config.json"), "{\"word_embedding_dimension\": 384, " + modes + "}");
	}

	private static ModelProperties properties(@Nullable Path dir, @Nullable String pooling, @Nullable String queryPrefix,
			@Nullable String passagePrefix) {
		return new ModelProperties(dir, false, null, Path.of("unused"), 128, 8192, null, pooling, queryPrefix,
				passagePrefix);
	}

}
