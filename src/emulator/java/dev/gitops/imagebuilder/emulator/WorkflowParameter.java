package dev.gitops.imagebuilder.emulator;

import java.util.List;

/**
 * One entry of a workflow document's {@code parameters}, as GetWorkflow returns it
 * (WorkflowParameterDetail).
 */
public record WorkflowParameter(
    String name, String type, List<String> defaultValue, String description) {}
