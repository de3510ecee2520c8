/** The files in _reports/, written from the database and Spring Batch's metadata tables. */
@NullMarked
package io.github.iotembeddings.report;

import org.jspecify.annotations.NullMarked;
