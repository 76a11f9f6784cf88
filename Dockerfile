# Build: the runnable (shaded) operator jar. Tests run in CI (scripts/test), not in the image build.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
RUN mvn -B -q -DskipTests package

# Run: a JRE and the jar only; no shell, no package manager, non-root (uid 65532).
FROM gcr.io/distroless/java17-debian12:nonroot
COPY --from=build /src/target/imagebuilder-workflow-operator.jar /app/operator.jar
USER 65532:65532
EXPOSE 8080
# A small, mostly idle controller: one GC thread and no pauses worth a concurrent collector, C1 only
# (less compile CPU and code cache), bounded metaspace and code cache, small thread stacks; the heap
# is a share of the container's memory limit and kept close to the live data (it grows when less
# than 20% is free after a collection and shrinks when more than 40% is). deploy/deployment.yaml
# sets the same.
ENV JAVA_TOOL_OPTIONS="-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:MaxMetaspaceSize=96m -XX:ReservedCodeCacheSize=32m -Xss512k -XX:MaxRAMPercentage=60 -XX:MinHeapFreeRatio=20 -XX:MaxHeapFreeRatio=40 -XX:+ExitOnOutOfMemoryError"
# distroless has no shell; the JRE is at /usr/bin/java (the base image's own entrypoint)
ENTRYPOINT ["/usr/bin/java", "-jar", "/app/operator.jar"]
