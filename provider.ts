// Entry point of the package's provider (PulumiPlugin.yaml): `pulumi package add` runs this for
// every Pulumi language. It constructs the components and serves the custom resources that talk
// to Resource Manager (the approval, the Function system key, the upstream refresh), one schema.
import * as pulumi from "@pulumi/pulumi";
import { COMPONENTS } from "./src/components/registry";
import { SignalRServerlessProvider } from "./src/provider/packageProvider";

void pulumi.provider.main(new SignalRServerlessProvider({ components: COMPONENTS, dirname: __dirname }), process.argv.slice(2));
