package dev.gitops.imagebuilder.emulator;

import software.amazon.awssdk.services.imagebuilder.model.CreateWorkflowRequest;
import software.amazon.awssdk.services.imagebuilder.model.WorkflowType;

/** Valid workflow documents and requests for the emulator's tests. */
final class SampleWorkflows {

  static final String DOCUMENT =
      """
            name: sample
            description: a sample build workflow
            schemaVersion: 1.0
            parameters:
              - name: waitForActionAtEnd
                type: boolean
                default: false
                description: pause at the end
              - name: regions
                type: stringList
                default: [us-east-1, eu-west-1]
            steps:
              - name: LaunchBuildInstance
                action: LaunchInstance
                onFailure: Abort
              - name: TerminateBuildInstance
                action: TerminateInstance
            """;

  private SampleWorkflows() {}

  /** A minimal valid document that differs per {@code marker}, for distinct configurations. */
  static String document(String marker) {
    return "schemaVersion: 1.0\nsteps:\n  - name: Step"
        + marker.replaceAll("[^A-Za-z0-9]", "")
        + "\n"
        + "    action: LaunchInstance\n";
  }

  static CreateWorkflowRequest.Builder create(String name, String version) {
    return CreateWorkflowRequest.builder()
        .name(name)
        .semanticVersion(version)
        .type(WorkflowType.BUILD)
        .data(document("one"));
  }
}
