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
# distroless has no shell; the JRE is at /usr/bin/java (the base image's own entrypoint)
ENTRYPOINT ["/usr/bin/java", "-jar", "/app/operator.jar"]
