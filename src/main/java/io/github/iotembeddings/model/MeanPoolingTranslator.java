package io.github.iotembeddings.model;

import java.util.List;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import ai.djl.util.PairList;

/**
 * Turns a whole batch of texts into sentence vectors in one model call: tokenise (padding to the
 * longest text in the batch, truncating at the model's limit), run the transformer, then mean-pool the
 * token vectors over the attention mask and L2-normalise, as Supabase's {@code gte-small} session does
 * with {@code mean_pool: true, normalize: true}.
 *
 * <p>The pooling is done here in plain Java on the model's output rather than with NDArray operations:
 * ONNX Runtime has no array maths of its own, and DJL would otherwise load a second engine for it.
 */
class MeanPoolingTranslator implements NoBatchifyTranslator<List<String>, float[][]> {

	private static final String ATTENTION_MASK = "attentionMask";

	/** TorchScript models do not name their inputs; BERT-style exports take these two, in this order. */
	private static final List<String> UNNAMED_INPUTS = List.of("input_ids", "attention_mask");

	private final HuggingFaceTokenizer tokenizer;

	private List<String> inputNames = UNNAMED_INPUTS;

	/** @param tokenizer the model's tokenizer, configured to pad to the longest and truncate */
	MeanPoolingTranslator(HuggingFaceTokenizer tokenizer) {
		this.tokenizer = tokenizer;
	}

	/** Feeds exactly the inputs the model declares (gte-small and MiniLM take token_type_ids too). */
	@Override
	public void prepare(TranslatorContext ctx) {
		PairList<String, Shape> declared = ctx.getModel().describeInput();
		if (declared != null && !declared.isEmpty() && declared.keys().stream().allMatch(n -> n != null)) {
			inputNames = List.copyOf(declared.keys());
		}
	}

	@Override
	public NDList processInput(TranslatorContext ctx, List<String> texts) {
		Encoding[] encodings = tokenizer.batchEncode(texts);
		int batch = encodings.length;
		int length = encodings[0].getIds().length;
		long[] ids = new long[batch * length];
		long[] mask = new long[batch * length];
		long[] types = new long[batch * length];
		for (int i = 0; i < batch; i++) {
			System.arraycopy(encodings[i].getIds(), 0, ids, i * length, length);
			System.arraycopy(encodings[i].getAttentionMask(), 0, mask, i * length, length);
			System.arraycopy(encodings[i].getTypeIds(), 0, types, i * length, length);
		}
		ctx.setAttachment(ATTENTION_MASK, mask);
		NDManager manager = ctx.getNDManager();
		Shape shape = new Shape(batch, length);
		NDList inputs = new NDList(inputNames.size());
		for (String name : inputNames) {
			long[] values = switch (name) {
				case "input_ids" -> ids;
				case "attention_mask" -> mask;
				case "token_type_ids" -> types;
				default -> throw new IllegalStateException("unsupported model input " + name);
			};
			NDArray array = manager.create(values, shape);
			array.setName(name);
			inputs.add(array);
		}
		return inputs;
	}

	@Override
	public float[][] processOutput(TranslatorContext ctx, NDList outputs) {
		NDArray hidden = outputs.contains("last_hidden_state") ? outputs.get("last_hidden_state") : outputs.head();
		long[] shape = hidden.getShape().getShape();
		if (shape.length != 3) {
			throw new IllegalStateException("the model's first output has shape " + hidden.getShape()
					+ "; expected token vectors (batch, tokens, dimension)");
		}
		return meanPoolAndNormalize(hidden.toFloatArray(), (long[]) ctx.getAttachment(ATTENTION_MASK),
				(int) shape[0], (int) shape[1], (int) shape[2]);
	}

	/**
	 * Averages each text's token vectors where the attention mask is 1, then scales to unit length.
	 * @param tokenVectors row-major (batch, tokens, dimension)
	 * @param mask row-major (batch, tokens), 1 for real tokens and 0 for padding
	 */
	static float[][] meanPoolAndNormalize(float[] tokenVectors, long[] mask, int batch, int tokens, int dimension) {
		float[][] vectors = new float[batch][dimension];
		for (int b = 0; b < batch; b++) {
			double[] sum = new double[dimension];
			long counted = 0;
			for (int t = 0; t < tokens; t++) {
				if (mask[b * tokens + t] == 0) {
					continue;
				}
				counted++;
				int offset = (b * tokens + t) * dimension;
				for (int d = 0; d < dimension; d++) {
					sum[d] += tokenVectors[offset + d];
				}
			}
			double norm = 0;
			for (int d = 0; d < dimension; d++) {
				sum[d] /= Math.max(counted, 1);
				norm += sum[d] * sum[d];
			}
			double scale = 1.0 / Math.max(Math.sqrt(norm), 1e-12);
			for (int d = 0; d < dimension; d++) {
				vectors[b][d] = (float) (sum[d] * scale);
			}
		}
		return vectors;
	}

}
