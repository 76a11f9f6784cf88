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
EXPOSE 8080
# A small, mostly idle controller: one GC thread and no pauses worth a concurrent collector, C1 only
# (less compile CPU and code cache), bounded metaspace and code cache, small thread stacks; the heap
# starts at 32 MiB (from a few MiB, start-up collected some 50 times while it grew) and is a share of
# the container's memory limit, kept close to the live data (it grows when less than 20% is free
# after a collection and shrinks when more than 40% is). deploy/deployment.yaml sets the same.
ENV JAVA_TOOL_OPTIONS="-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:MaxMetaspaceSize=96m -XX:ReservedCodeCacheSize=32m -Xss512k -Xms32m -XX:MaxRAMPercentage=60 -XX:MinHeapFreeRatio=20 -XX:MaxHeapFreeRatio=40 -XX:+ExitOnOutOfMemoryError"
# A class-data archive of what start-up loads, recorded by a --check run (configuration, clients and
# controllers built, nothing contacted) with these options and the Deployment's memory limit as MaxRAM
# (the archive is only used by a JVM with the same compressed-pointer settings): each start then maps
# those classes instead of loading and verifying them from the jar, about a second less on 2 cores.
# distroless has no shell: exec form, as root to write /app (the archive is read-only, 0444).
USER 0:0
RUN ["/usr/bin/java", "-XX:MaxRAM=320m", "-XX:ArchiveClassesAtExit=/app/operator.jsa", "-jar", "/app/operator.jar", "--check", "--aws-region", "us-east-1"]
USER 65532:65532
# the JRE is at /usr/bin/java (the base image's own entrypoint); a JVM that cannot use the archive
# (other options) warns and starts without it
ENTRYPOINT ["/usr/bin/java", "-XX:SharedArchiveFile=/app/operator.jsa", "-jar", "/app/operator.jar"]
