/** The database schema this tool owns, applied with Liquibase, and the checks run before touching it. */
@NullMarked
package io.github.iotembeddings.schema;

import org.jspecify.annotations.NullMarked;
