# The image the manifests in k8s/ run: the Boot jar on a JRE. Build the jar first:
#   ./mvnw -B package -DskipTests && docker build -t iot-embeddings:0.1.0 .
FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 app && mkdir -p /app /tmp/iot-embeddings && chown app /tmp/iot-embeddings
COPY target/iot-embeddings.jar /app/iot-embeddings.jar
ENV DJL_CACHE_DIR=/tmp/iot-embeddings/djl.ai
USER 10001
WORKDIR /app
ENTRYPOINT ["java", "-jar", "/app/iot-embeddings.jar"]
CMD ["sync"]
