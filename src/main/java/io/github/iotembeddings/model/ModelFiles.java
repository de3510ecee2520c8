package io.github.iotembeddings.model;

import java.nio.file.Path;

/**
 * A model on disk, ready for DJL.
 *
 * @param name what to call the model in logs and reports
 * @param dir the directory DJL loads from
 * @param modelFileName the model file inside {@code dir}, without extension
 * @param engine the DJL engine that runs it ({@code OnnxRuntime} or {@code PyTorch})
 * @param tokenizer the {@code tokenizer.json}
 * @param maxLength the longest input in tokens
 */
public record ModelFiles(String name, Path dir, String modelFileName, String engine, Path tokenizer, int maxLength) {

}
