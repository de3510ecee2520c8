# The image the manifests in k8s/ run: the Boot jar, extracted (classes load from plain jars, which
# starts about a second faster than `java -jar` on the 400 MB jar; docs/BENCHMARKS.md), on a JRE.
# Build the jar first:
#   ./mvnw -B package -DskipTests && docker build -t iot-embeddings:0.1.0 .
FROM eclipse-temurin:17-jre AS extract
WORKDIR /build
COPY target/iot-embeddings.jar iot-embeddings.jar
RUN java -Djarmode=tools -jar iot-embeddings.jar extract --destination app

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 app && mkdir -p /tmp/iot-embeddings && chown app /tmp/iot-embeddings
COPY --from=extract /build/app /app
ENV DJL_CACHE_DIR=/tmp/iot-embeddings/djl.ai
USER 10001
WORKDIR /app
ENTRYPOINT ["java", "-jar", "/app/iot-embeddings.jar"]
CMD ["sync"]
