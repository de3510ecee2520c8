package io.github.iotembeddings.cli;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The values a whole-number option or parameter accepts, next to its picocli declaration. Picocli has no
 * range check of its own; {@link ParsedCommand#checkRanges()} applies these after parsing.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
@interface Range {

	long min();

	long max();

}
