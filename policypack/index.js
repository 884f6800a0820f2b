// The policy pack: the rules live in the library (src/policy), one per file; this only builds the pack.
import { PolicyPack } from "@pulumi/policy";
import { POLICY_PACK_NAME, policies } from "signalr-serverless/policy";

new PolicyPack(POLICY_PACK_NAME, { policies });
