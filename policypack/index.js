// The policy pack: the rules live in the library (src/policy), one per file; this only builds the
// pack. Plain JavaScript so the pack also runs where it ships, in
// node_modules/signalr-serverless/policypack: the ts-node the SDK's run-policy-pack registers
// compiles nothing under node_modules (@pulumi/pulumi vendor/ts-node@7.0.1: `ignore` defaults to
// /node_modules/). It resolves signalr-serverless/policy and @pulumi/policy (a dependency of
// signalr-serverless) from the project that installed it.
"use strict";
const { PolicyPack } = require("@pulumi/policy");
const { POLICY_PACK_NAME, policies } = require("signalr-serverless/policy");

new PolicyPack(POLICY_PACK_NAME, { policies });
