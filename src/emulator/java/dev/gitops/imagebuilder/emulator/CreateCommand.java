package dev.gitops.imagebuilder.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * A validated CreateWorkflow request, in the account of its credentials. {@code data} is the
 * resolved content (inline or read from the uri); {@code fingerprint} is the request body without
 * {@code dryRun}, compared for clientToken idempotency.
 */
record CreateCommand(
    String account,
    String region,
    String clientToken,
    JsonNode fingerprint,
    String name,
    String type,
    SemanticVersion version,
    String description,
    String changeDescription,
    String data,
    String kmsKeyId,
    Map<String, String> tags,
    List<WorkflowParameter> parameters) {}
