package io.github.iotembeddings.job;

import java.util.ArrayList;
import java.util.List;

import io.github.iotembeddings.model.EmbeddingModel;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Embeds a whole chunk in one model call, then hands the vectors to the upsert writer and deletes the
 * change-queue entries the events were read from, in the same transaction. the change-queue entries the events were read from. Embedding here rather than in an item processor is what lets the model see the chunk as
 * one batch: a processor is called once per item.
 */
class EmbeddingWriter implements ItemWriter<EventText> {

	private final EmbeddingModel model;

	private final ItemWriter<EventEmbedding> upsertWriter;

	private final EmbeddingErrors errors;

	private final ChangeQueue changeQueue;

	EmbeddingWriter(EmbeddingModel model, ItemWriter<EventEmbedding> upsertWriter, EmbeddingErrors errors,
			ChangeQueue changeQueue) {
		this.model = model;
		this.upsertWriter = upsertWriter;
		this.errors = errors;
		this.changeQueue = changeQueue;
	}

	@Override
	public void write(Chunk<? extends EventText> events) throws Exception {
		List<String> texts = new ArrayList<>(events.size());
		List<Long> queueEntries = new ArrayList<>();
		for (EventText event : events) {
			texts.add(event.text());
			queueEntries.addAll(event.queueEntries());
		}
		float[][] vectors = model.embed(texts);
		Chunk<EventEmbedding> embeddings = new Chunk<>();
		int i = 0;
		for (EventText event : events) {
			embeddings.add(new EventEmbedding(event.id(), vectors[i++], model.id(), event.textHash()));
		}
		upsertWriter.write(embeddings);
		errors.clear(embeddings.getItems().stream().map(EventEmbedding::eventId).toList());
		changeQueue.remove(queueEntries);
	}

}
