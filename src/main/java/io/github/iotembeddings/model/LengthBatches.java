package io.github.iotembeddings.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Splits one chunk of texts into model calls of similar token length. A model call pads every text to
 * the longest one in it, so a single call for a whole chunk computes every short text at the length of
 * the chunk's longest; sorted by length and cut in the right places, the padding almost disappears.
 * Masked mean pooling makes each text's vector independent of its neighbours in a call, so the split
 * changes speed, not results.
 *
 * <p>The cuts minimise the tokens the model computes (texts x the longest of each call) plus a fixed
 * cost per call, by dynamic programming over the sorted lengths: a chunk is at most a few hundred texts,
 * so the quadratic search costs microseconds against the model's milliseconds.
 */
public final class LengthBatches {

	/**
	 * What one more model call costs, in computed tokens: measured on this project's benchmark machine,
	 * a call of a handful of short texts runs about as long as this many extra padded tokens.
	 */
	static final int CALL_COST_TOKENS = 64;

	private LengthBatches() {
	}

	/**
	 * @param tokenCounts each text's token count, in chunk order
	 * @param maxTexts most texts in one call
	 * @param maxTokens most computed tokens (texts x longest) in one call, which bounds the call's memory;
	 * a single longer text still gets a call of its own
	 * @return the calls, each the chunk positions of its texts, shortest texts first
	 */
	public static List<int[]> plan(int[] tokenCounts, int maxTexts, int maxTokens) {
		int n = tokenCounts.length;
		int[] order = IntStream.range(0, n)
			.boxed()
			.sorted(Comparator.comparingInt(i -> tokenCounts[i]))
			.mapToInt(Integer::intValue)
			.toArray();
		// cost[j]: the cheapest way to embed the j shortest texts; start[j]: where its last call begins.
		long[] cost = new long[n + 1];
		int[] start = new int[n + 1];
		Arrays.fill(cost, 1, n + 1, Long.MAX_VALUE);
		for (int end = 1; end <= n; end++) {
			long longest = Math.max(tokenCounts[order[end - 1]], 1);
			for (int from = end - 1; from >= 0 && end - from <= maxTexts; from--) {
				long texts = end - from;
				if (texts > 1 && texts * longest > maxTokens) {
					break;
				}
				long candidate = cost[from] + texts * longest + CALL_COST_TOKENS;
				if (candidate < cost[end]) {
					cost[end] = candidate;
					start[end] = from;
				}
			}
		}
		List<int[]> calls = new ArrayList<>();
		for (int end = n; end > 0; end = start[end]) {
			calls.add(Arrays.copyOfRange(order, start[end], end));
		}
		Collections.reverse(calls);
		return calls;
	}

}
