package io.github.iotembeddings.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The 12-layer 384-D models of the test classpath (langchain4j's e5-small-v2 and bge-small-en-v1.5 jars),
 * written out as a user's {@code --model=DIR} in the Hugging Face layout ({@code onnx/model.onnx},
 * {@code tokenizer.json} and {@code tokenizer_config.json} at the top), with the sentence-transformers
 * files their model cards specify, which the jars do not carry. Written once per build under
 * {@code target/test-models/}: 130 MB each is too much to copy per test class.
 */
public enum TwelveLayerModels {

	/** intfloat/e5-small-v2: mean pooling; {@code query: } and {@code passage: } in front of every text. */
	E5_SMALL_V2("e5-small-v2", "pooling_mode_mean_tokens", """
			{"prompts": {"query": "query: ", "passage": "passage: "}, "default_prompt_name": null}"""),

	/**
	 * BAAI/bge-small-en-v1.5: the [CLS] token; its card's instruction in front of short retrieval queries,
	 * nothing in front of passages.
	 */
	BGE_SMALL_EN_V15("bge-small-en-v1.5", "pooling_mode_cls_token", """
			{"prompts": {"query": "Represent this sentence for searching relevant passages: "}, "default_prompt_name": null}""");

	/** The instruction bge-small-en-v1.5's card puts in front of queries. */
	public static final String BGE_QUERY_INSTRUCTION = "Represent this sentence for searching relevant passages: ";

	private final String name;

	private final String poolingMode;

	private final String sentenceTransformersConfig;

	TwelveLayerModels(String name, String poolingMode, String sentenceTransformersConfig) {
		this.name = name;
		this.poolingMode = poolingMode;
		this.sentenceTransformersConfig = sentenceTransformersConfig;
	}

	/** @return the model's directory, named after the model (which names it in the model id) */
	public synchronized Path dir() {
		Path dir = Path.of("target", "test-models", name).toAbsolutePath();
		if (Files.isDirectory(dir)) {
			return dir;
		}
		Path partial = dir.resolveSibling(name + ".partial-" + ProcessHandle.current().pid());
		try {
			deleteRecursively(partial);
			Files.createDirectories(partial.resolve("onnx"));
			Files.createDirectories(partial.resolve("1_Pooling"));
			copy(name + ".onnx", partial.resolve("onnx/model.onnx"));
			copy(name + "-tokenizer.json", partial.resolve("tokenizer.json"));
			Files.writeString(partial.resolve("tokenizer_config.json"), "{\"model_max_length\": 512}");
			Files.writeString(partial.resolve("1_Pooling/config.json"),
					"{\"word_embedding_dimension\": 384, \"pooling_mode_cls_token\": "
							+ poolingMode.equals("pooling_mode_cls_token") + ", \"pooling_mode_mean_tokens\": "
							+ poolingMode.equals("pooling_mode_mean_tokens")
							+ ", \"pooling_mode_max_tokens\": false, \"pooling_mode_mean_sqrt_len_tokens\": false}");
			Files.writeString(partial.resolve("config_sentence_transformers.json"), sentenceTransformersConfig);
			try {
				Files.move(partial, dir, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (java.nio.file.FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException ex) {
				// another test JVM wrote it first
				deleteRecursively(partial);
			}
			return dir;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write the test model " + name, ex);
		}
	}

	private static void copy(String resource, Path target) throws IOException {
		try (InputStream in = TwelveLayerModels.class.getClassLoader().getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException(resource + " is not on the test classpath (see pom.xml)");
			}
			Files.copy(in, target);
		}
	}

	private static void deleteRecursively(Path dir) throws IOException {
		if (!Files.exists(dir)) {
			return;
		}
		try (var paths = Files.walk(dir)) {
			for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

}
