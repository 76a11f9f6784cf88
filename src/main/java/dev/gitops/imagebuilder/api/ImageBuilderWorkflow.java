package dev.gitops.imagebuilder.api;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** An EC2 Image Builder workflow, kept in Git and reconciled into immutable workflow versions in AWS. */
@Group(ImageBuilderWorkflow.GROUP)
@Version(ImageBuilderWorkflow.VERSION)
@Kind("ImageBuilderWorkflow")
@Plural("imagebuilderworkflows")
@ShortNames("ibw")
public class ImageBuilderWorkflow extends CustomResource<ImageBuilderWorkflowSpec, ImageBuilderWorkflowStatus>
    implements Namespaced {
  public static final String GROUP = "imagebuilder.gitops.dev";
  public static final String VERSION = "v1alpha1";
}
