// Entry point of the package's provider as a Pulumi plugin. The CLI reads no `main` from
// PulumiPlugin.yaml, so the nodejs language host runs this package's folder, and the SDK's
// run-plugin loads the folder's package.json `main`: this file, compiled (dist/provider/main.js).
// npm consumers never load it: `exports` maps the package root to dist/index.js.
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { COMPONENTS } from "../components/registry";
import { SignalRServerlessProvider } from "./packageProvider";

/** The package's root (package.json and the TypeScript sources the component analyzer reads), from src/provider or dist/provider alike. */
const PACKAGE_ROOT = path.resolve(__dirname, "..", "..");

void pulumi.provider.main(new SignalRServerlessProvider({ components: COMPONENTS, dirname: PACKAGE_ROOT }), process.argv.slice(2));
