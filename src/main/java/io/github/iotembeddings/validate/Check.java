package io.github.iotembeddings.validate;

/**
 * One schema check.
 *
 * @param name what is checked
 * @param passed whether it holds
 * @param detail what was found
 */
public record Check(String name, boolean passed, String detail) {

}
