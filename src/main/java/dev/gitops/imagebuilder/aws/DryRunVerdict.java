package dev.gitops.imagebuilder.aws;

/**
 * The service's judgement of a CreateWorkflow sent with {@code dryRun}: whether the real create
 * would succeed, and what the service said ({@code code} is null when it would succeed).
 */
public record DryRunVerdict(boolean passed, String code, String message) {}
