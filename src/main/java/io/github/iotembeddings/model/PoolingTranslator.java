package io.github.iotembeddings.model;

import java.util.List;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import ai.djl.util.PairList;

/**
 * Turns one model call's tokenised texts into sentence vectors: pad to the longest text of the call,
 * run the transformer, then pool the token vectors the model's way ({@link Pooling}) and L2-normalise.
 *
 * <p>The pooling is done here in plain Java on the model's output rather than with NDArray operations:
 * ONNX Runtime has no array maths of its own, and DJL would otherwise load a second engine for it.
 */
class PoolingTranslator implements NoBatchifyTranslator<List<Encoding>, float[][]> {

	private static final String ATTENTION_MASK = "attentionMask";

	/** TorchScript models do not name their inputs; BERT-style exports take these two, in this order. */
	private static final List<String> UNNAMED_INPUTS = List.of("input_ids", "attention_mask");

	private final Pooling pooling;

	private List<String> inputNames = UNNAMED_INPUTS;

	PoolingTranslator(Pooling pooling) {
		this.pooling = pooling;
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
	public NDList processInput(TranslatorContext ctx, List<Encoding> encodings) {
		PaddedBatch padded = PaddedBatch.of(encodings);
		ctx.setAttachment(ATTENTION_MASK, padded.mask());
		NDManager manager = ctx.getNDManager();
		Shape shape = new Shape(padded.batch(), padded.length());
		NDList inputs = new NDList(inputNames.size());
		for (String name : inputNames) {
			NDArray array = manager.create(padded.input(name), shape);
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
		return pooling.poolAndNormalize(hidden.toFloatArray(), (long[]) ctx.getAttachment(ATTENTION_MASK),
				(int) shape[0], (int) shape[1], (int) shape[2]);
	}

}
