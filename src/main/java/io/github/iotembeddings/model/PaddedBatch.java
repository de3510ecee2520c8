package io.github.iotembeddings.model;

import java.util.List;

import ai.djl.huggingface.tokenizers.Encoding;

/**
 * A model call's inputs: the encodings of its texts, each padded to the longest with id 0 and mask 0.
 * The mask hides padding from attention and from pooling, so the pad token's id does not matter.
 *
 * @param ids token ids, {@code batch x length}, row-major
 * @param mask attention mask, same shape
 * @param types token type ids, same shape
 * @param batch texts in the call
 * @param length tokens per text after padding
 */
public record PaddedBatch(long[] ids, long[] mask, long[] types, int batch, int length) {

	public static PaddedBatch of(List<Encoding> encodings) {
		int batch = encodings.size();
		int length = encodings.stream().mapToInt(encoding -> encoding.getIds().length).max().orElse(0);
		long[] ids = new long[batch * length];
		long[] mask = new long[batch * length];
		long[] types = new long[batch * length];
		for (int i = 0; i < batch; i++) {
			Encoding encoding = encodings.get(i);
			int tokens = encoding.getIds().length;
			System.arraycopy(encoding.getIds(), 0, ids, i * length, tokens);
			System.arraycopy(encoding.getAttentionMask(), 0, mask, i * length, tokens);
			System.arraycopy(encoding.getTypeIds(), 0, types, i * length, tokens);
		}
		return new PaddedBatch(ids, mask, types, batch, length);
	}

	/**
	 * @param name a BERT-style model input
	 * @return its values
	 */
	public long[] input(String name) {
		return switch (name) {
			case "input_ids" -> ids;
			case "attention_mask" -> mask;
			case "token_type_ids" -> types;
			default -> throw new IllegalStateException("unsupported model input " + name);
		};
	}

}
