package io.github.iotembeddings.job;

import java.util.ArrayList;
import java.util.List;

import io.github.iotembeddings.model.EmbeddingModel;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Embeds a whole chunk in one model call, then hands the vectors to the upsert writer in the same
 * transaction. Embedding here rather than in an item processor is what lets the model see the chunk as
 * one batch: a processor is called once per item.
 */
class EmbeddingWriter implements ItemWriter<EventText> {

	private final EmbeddingModel model;

	private final ItemWriter<EventEmbedding> upsertWriter;

	private final EmbeddingErrors errors;

	EmbeddingWriter(EmbeddingModel model, ItemWriter<EventEmbedding> upsertWriter, EmbeddingErrors errors) {
		this.model = model;
		this.upsertWriter = upsertWriter;
		this.errors = errors;
	}

	@Override
	public void write(Chunk<? extends EventText> events) throws Exception {
		List<String> texts = new ArrayList<>(events.size());
		for (EventText event : events) {
			texts.add(event.text());
		}
		float[][] vectors = model.embed(texts);
		Chunk<EventEmbedding> embeddings = new Chunk<>();
		int i = 0;
		for (EventText event : events) {
			embeddings.add(new EventEmbedding(event.id(), vectors[i++], model.id(), event.textHash()));
		}
		upsertWriter.write(embeddings);
		errors.clear(embeddings.getItems().stream().map(EventEmbedding::eventId).toList());
	}

}
