/** Typed settings of the tool and the database connection they are built from. */
@NullMarked
package io.github.iotembeddings.config;

import org.jspecify.annotations.NullMarked;
