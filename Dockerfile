# The image the manifests in k8s/ run: the Boot jar, extracted (classes load from plain jars, which
# starts about a second faster than `java -jar` on the 400 MB jar), on Java 25 with an AOT cache made by
# a training run here (docker/train-aot-cache), started by docker/entrypoint. A one-shot command (the
# CronJob's sync) starts in about 2 s on 2 cores, 1.4 s at best (docs/BENCHMARKS.md, "Start-up of a one-shot command";
# scripts/bench-startup.sh reproduces this layout and its command lines without Docker). The jar is
# compiled for Java 17 and runs unchanged on 25.
# Build the jar first:
#   ./mvnw -B package -DskipTests && docker build -t iot-embeddings:0.1.0 .
FROM eclipse-temurin:25-jre AS build
WORKDIR /build
COPY target/iot-embeddings.jar iot-embeddings.jar
RUN java -Djarmode=tools -jar iot-embeddings.jar extract --destination /app
COPY docker/entrypoint docker/train-aot-cache /app/
# Where the final image's DJL_CACHE_DIR is: the training run leaves the tokenizer's native library there.
ENV DJL_CACHE_DIR=/tmp/iot-embeddings/djl.ai
RUN /app/train-aot-cache

FROM eclipse-temurin:25-jre
RUN useradd --system --uid 10001 app && mkdir -p /tmp/iot-embeddings && chown app /tmp/iot-embeddings
COPY --from=build /app /app
COPY --from=build --chown=10001 /tmp/iot-embeddings/djl.ai /tmp/iot-embeddings/djl.ai
ENV DJL_CACHE_DIR=/tmp/iot-embeddings/djl.ai
# The working directory belongs to root: reports (`report`, `validate`) go where the tool's user may write.
ENV EMBEDDINGS_REPORTS_DIR=/tmp/iot-embeddings/_reports
USER 10001
WORKDIR /app
ENTRYPOINT ["/app/entrypoint"]
CMD ["sync"]
