package io.github.iotembeddings.job;

import io.github.iotembeddings.sync.ChangeQueue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.iotembeddings.model.EmbeddingModel;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Locks the chunk's events ({@link EventLocks}), embeds the chunk, each distinct text once, then hands the vectors to the upsert writer and deletes
 * the change-queue entries the events were read from, in the same transaction. Texts are told apart by
 * the hash the database computed ({@link EventText#textHash()}); a text whose vector this model already
 * stored is copied from the table ({@link StoredVectors}), the rest go to the model in one call, and
 * every event still gets a row with its own hash and the model. Embedding here rather than in an item
 * processor is what lets the model see the chunk as one batch: a processor is called once per item.
 *
 * <p>Where the vectors came from ({@link VectorSources}) is counted per step execution and saved in its
 * execution context at every commit.
 */
class EmbeddingWriter implements ItemStreamWriter<EventText> {

	private final EventLocks eventLocks;

	private final EmbeddingModel model;

	private final StoredVectors storedVectors;

	private final ItemWriter<EventEmbedding> upsertWriter;

	private final EmbeddingErrors errors;

	private final ChangeQueue changeQueue;

	private VectorSources sources = VectorSources.NONE;

	EmbeddingWriter(EventLocks eventLocks, EmbeddingModel model, StoredVectors storedVectors,
			ItemWriter<EventEmbedding> upsertWriter, EmbeddingErrors errors, ChangeQueue changeQueue) {
		this.eventLocks = eventLocks;
		this.model = model;
		this.storedVectors = storedVectors;
		this.upsertWriter = upsertWriter;
		this.errors = errors;
		this.changeQueue = changeQueue;
	}

	@Override
	public void write(Chunk<? extends EventText> events) throws Exception {
		eventLocks.lock(events.getItems());
		Map<String, @Nullable String> textByHash = new LinkedHashMap<>();
		List<Long> queueEntries = new ArrayList<>();
		for (EventText event : events) {
			textByHash.putIfAbsent(event.textHash(), event.text());
			queueEntries.addAll(event.queueEntries());
		}
		Map<String, float[]> vectors = storedVectors.find(textByHash.keySet(), model.id());
		Set<String> stored = Set.copyOf(vectors.keySet());
		List<String> newHashes = new ArrayList<>();
		List<@Nullable String> newTexts = new ArrayList<>();
		textByHash.forEach((hash, text) -> {
			if (!stored.contains(hash)) {
				newHashes.add(hash);
				newTexts.add(text);
			}
		});
		float[][] computed = model.embed(newTexts);
		for (int i = 0; i < computed.length; i++) {
			vectors.put(newHashes.get(i), computed[i]);
		}
		Chunk<EventEmbedding> embeddings = new Chunk<>();
		long copiedStored = 0;
		for (EventText event : events) {
			// The keywords come from the event's own text, also when its vector is a copy of another row's.
			embeddings.add(new EventEmbedding(event.id(), vectors.get(event.textHash()), model.id(), event.textHash(),
					event.text()));
			copiedStored += stored.contains(event.textHash()) ? 1 : 0;
		}
		upsertWriter.write(embeddings);
		errors.clear(embeddings.getItems().stream().map(EventEmbedding::eventId).toList());
		changeQueue.remove(queueEntries);
		sources = sources.plus(new VectorSources(newHashes.size(), events.size() - newHashes.size() - copiedStored,
				copiedStored));
	}

	@Override
	public void open(ExecutionContext context) {
		// Per execution, like Batch's own counts: a restart counts what it writes itself.
		sources = VectorSources.NONE;
	}

	@Override
	public void update(ExecutionContext context) {
		sources.saveTo(context);
	}

}
