export * from "./validationError";
export * from "./templateTokens";
export * from "./keyVaultReference";
export * from "./plaintextSecrets";
export * from "./urlTemplate";
export * from "./rulePattern";
export * from "./upstreamTemplate";
export * from "./keyVaultCoverage";
