// Entry point of the component provider (PulumiPlugin.yaml): `pulumi package add` runs this to
// read the components' schema and to construct them for programs in other Pulumi languages.
import { componentProviderHost } from "@pulumi/pulumi/provider/experimental";
import { COMPONENTS } from "./src/components/registry";

void componentProviderHost({ components: COMPONENTS, name: "signalr-serverless", dirname: __dirname });
