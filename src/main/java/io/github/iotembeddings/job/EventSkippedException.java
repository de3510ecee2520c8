package io.github.iotembeddings.job;

/** An event that cannot be embedded now; the job skips it and records why in the errors table. */
class EventSkippedException extends RuntimeException {

	private final String errorClass;

	EventSkippedException(String errorClass, String message) {
		super(message);
		this.errorClass = errorClass;
	}

	String errorClass() {
		return errorClass;
	}

}
