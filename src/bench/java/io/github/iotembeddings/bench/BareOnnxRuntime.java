package io.github.iotembeddings.bench;

import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.github.iotembeddings.model.EmbeddingModel;
import io.github.iotembeddings.model.LengthBatches;
import io.github.iotembeddings.model.ModelFiles;
import io.github.iotembeddings.model.ModelSettings;
import io.github.iotembeddings.model.PaddedBatch;
import io.github.iotembeddings.model.Tokenizers;

/**
 * The ceiling for this model on this machine: an ONNX Runtime session called directly, with no DJL in
 * between, fed by the same tokenizer, the same length-sorted calls, passage prefix and pooling as the tool.
 * Whatever the tool loses against it is framework overhead.
 */
final class BareOnnxRuntime implements AutoCloseable {

	private final OrtEnvironment environment = OrtEnvironment.getEnvironment();

	private final OrtSession session;

	private final HuggingFaceTokenizer tokenizer;

	private final ModelSettings settings;

	private final EmbeddingModel.CallLimits limits;

	BareOnnxRuntime(ModelFiles files, ModelSettings settings, EmbeddingModel.CallLimits limits) throws OrtException {
		try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
			options.setIntraOpNumThreads(limits.threads());
			options.setInterOpNumThreads(1);
			options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
			this.session = environment.createSession(files.dir().resolve(files.modelFileName() + ".onnx").toString(),
					options);
		}
		this.tokenizer = Tokenizers.forModel(files);
		this.settings = settings;
		this.limits = limits;
	}

	float[][] embed(List<String> texts) throws OrtException {
		Encoding[] encodings = tokenizer.batchEncode(texts.stream().map(text -> settings.passagePrefix() + text).toList());
		int[] tokenCounts = Arrays.stream(encodings).mapToInt(encoding -> encoding.getIds().length).toArray();
		float[][] vectors = new float[texts.size()][];
		for (int[] call : LengthBatches.plan(tokenCounts, limits.texts(), limits.tokens())) {
			List<Encoding> batch = new ArrayList<>(call.length);
			for (int position : call) {
				batch.add(encodings[position]);
			}
			float[][] batchVectors = run(batch);
			for (int i = 0; i < call.length; i++) {
				vectors[call[i]] = batchVectors[i];
			}
		}
		return vectors;
	}

	private float[][] run(List<Encoding> batch) throws OrtException {
		PaddedBatch padded = PaddedBatch.of(batch);
		long[] shape = { padded.batch(), padded.length() };
		Map<String, OnnxTensor> inputs = new HashMap<>();
		try {
			for (String name : session.getInputNames()) {
				inputs.put(name, OnnxTensor.createTensor(environment, LongBuffer.wrap(padded.input(name)), shape));
			}
			try (OrtSession.Result result = session.run(inputs)) {
				OnnxTensor hidden = (OnnxTensor) result.get(0);
				long[] outShape = hidden.getInfo().getShape();
				float[] tokenVectors = new float[(int) (outShape[0] * outShape[1] * outShape[2])];
				hidden.getFloatBuffer().get(tokenVectors);
				return settings.pooling().poolAndNormalize(tokenVectors, padded.mask(), (int) outShape[0], (int) outShape[1],
						(int) outShape[2]);
			}
		}
		finally {
			inputs.values().forEach(OnnxTensor::close);
		}
	}

	@Override
	public void close() throws OrtException {
		session.close();
		tokenizer.close();
	}

}
