package io.github.iotembeddings.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a tiny, real ONNX model directory (model.onnx + tokenizer.json) whose token vectors have any
 * dimension: {@code last_hidden_state[b, t, d] = input_ids[b, t] * (d + 1) / 1000}. It stands in for a
 * model of the wrong size (no 768-D model can be downloaded here), and exercises the {@code --model=DIR}
 * path. The ONNX protobuf is encoded by hand to need no ONNX tooling.
 */
public final class TinyOnnxModel {

	private static final int FLOAT = 1;

	private static final int INT64 = 7;

	private TinyOnnxModel() {
	}

	/**
	 * @param dir the directory to create
	 * @param dimension the size of every token vector
	 * @return {@code dir}
	 */
	public static Path write(Path dir, int dimension) throws IOException {
		Files.createDirectories(dir);
		Files.write(dir.resolve("model.onnx"), model(dimension));
		try (InputStream tokenizer = TinyOnnxModel.class.getClassLoader()
			.getResourceAsStream("all-minilm-l6-v2-tokenizer.json")) {
			Files.copy(tokenizer, dir.resolve("tokenizer.json"));
		}
		return dir;
	}

	static byte[] model(int dimension) {
		ByteBuffer scale = ByteBuffer.allocate(4 * dimension).order(ByteOrder.LITTLE_ENDIAN);
		for (int d = 0; d < dimension; d++) {
			scale.putFloat((d + 1) / 1000f);
		}
		ByteBuffer axes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(2);
		Proto graph = new Proto()
			.message(1, node("Cast", new String[] { "input_ids" }, "ids_float",
					new Proto().string(1, "to").varint(3, FLOAT).varint(20, 2)))
			.message(1, node("Unsqueeze", new String[] { "ids_float", "axes" }, "ids_3d", null))
			.message(1, node("Mul", new String[] { "ids_3d", "scale" }, "last_hidden_state", null))
			.string(2, "tiny")
			.message(5, tensor("scale", FLOAT, new long[] { dimension }, scale.array()))
			.message(5, tensor("axes", INT64, new long[] { 1 }, axes.array()))
			.message(11, valueInfo("input_ids", INT64, "batch", "tokens"))
			.message(11, valueInfo("attention_mask", INT64, "batch", "tokens"))
			.message(11, valueInfo("token_type_ids", INT64, "batch", "tokens"))
			.message(12, valueInfo("last_hidden_state", FLOAT, "batch", "tokens", dimension));
		return new Proto().varint(1, 8)
			.string(2, "iot-embeddings-tests")
			.message(7, graph)
			.message(8, new Proto().string(1, "").varint(2, 13))
			.bytes();
	}

	private static Proto node(String op, String[] inputs, String output, Proto attribute) {
		Proto node = new Proto();
		for (String input : inputs) {
			node.string(1, input);
		}
		node.string(2, output).string(3, op + "_" + output).string(4, op);
		return (attribute != null) ? node.message(5, attribute) : node;
	}

	private static Proto tensor(String name, int type, long[] dims, byte[] raw) {
		Proto tensor = new Proto();
		for (long dim : dims) {
			tensor.varint(1, dim);
		}
		return tensor.varint(2, type).string(8, name).raw(9, raw);
	}

	private static Proto valueInfo(String name, int type, Object... dims) {
		Proto shape = new Proto();
		for (Object dim : dims) {
			shape.message(1, (dim instanceof Integer size) ? new Proto().varint(1, size) : new Proto().string(2, (String) dim));
		}
		Proto tensorType = new Proto().varint(1, type).message(2, shape);
		return new Proto().string(1, name).message(2, new Proto().message(1, tensorType));
	}

	/** The protobuf wire format, as much of it as an ONNX graph needs. */
	private static final class Proto {

		private final ByteArrayOutputStream out = new ByteArrayOutputStream();

		Proto varint(int field, long value) {
			writeVarint((long) field << 3);
			writeVarint(value);
			return this;
		}

		Proto string(int field, String value) {
			return raw(field, value.getBytes(StandardCharsets.UTF_8));
		}

		Proto message(int field, Proto message) {
			return raw(field, message.bytes());
		}

		Proto raw(int field, byte[] value) {
			writeVarint(((long) field << 3) | 2);
			writeVarint(value.length);
			out.writeBytes(value);
			return this;
		}

		byte[] bytes() {
			return out.toByteArray();
		}

		private void writeVarint(long value) {
			long v = value;
			while ((v & ~0x7FL) != 0) {
				out.write((int) ((v & 0x7F) | 0x80));
				v >>>= 7;
			}
			out.write((int) v);
		}

	}

}
