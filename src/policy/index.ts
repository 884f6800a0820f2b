import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { corsNotWildcard } from "./corsNotWildcard";
import { functionAppPrivate } from "./functionAppPrivate";
import { functionPlanSupportsPrivateEndpoints } from "./functionPlanSupportsPrivateEndpoints";
import { keyVaultHardened } from "./keyVaultHardened";
import { keyVaultReferencesWellFormed } from "./keyVaultReferencesWellFormed";
import { localAuthDisabled } from "./localAuthDisabled";
import { managedIdentityAuthNeedsIdentity } from "./managedIdentityAuthNeedsIdentity";
import { serverlessModeWithUpstreams } from "./serverlessModeWithUpstreams";
import { sharedPrivateEndpointApproved } from "./sharedPrivateEndpointApproved";
import { privateEndpointHasAclEntry } from "./privateEndpointHasAclEntry";
import { sharedPrivateLinkGroupId } from "./sharedPrivateLinkGroupId";
import { signalrPaidTier } from "./signalrPaidTier";
import { upstreamAuthManagedIdentity } from "./upstreamAuthManagedIdentity";
import { upstreamHttps } from "./upstreamHttps";
import { upstreamNoPlaintextSecrets } from "./upstreamNoPlaintextSecrets";

export const POLICY_PACK_NAME = "signalr-serverless";

/** Every policy of the pack, mandatory first. policypack/ builds the PolicyPack from this list. */
export const policies: (ResourceValidationPolicy | StackValidationPolicy)[] = [
    signalrPaidTier,
    serverlessModeWithUpstreams,
    upstreamHttps,
    upstreamNoPlaintextSecrets,
    keyVaultReferencesWellFormed,
    managedIdentityAuthNeedsIdentity,
    sharedPrivateLinkGroupId,
    functionPlanSupportsPrivateEndpoints,
    upstreamAuthManagedIdentity,
    corsNotWildcard,
    localAuthDisabled,
    keyVaultHardened,
    functionAppPrivate,
    sharedPrivateEndpointApproved,
    privateEndpointHasAclEntry,
];

export {
    corsNotWildcard,
    functionAppPrivate,
    functionPlanSupportsPrivateEndpoints,
    keyVaultHardened,
    keyVaultReferencesWellFormed,
    localAuthDisabled,
    managedIdentityAuthNeedsIdentity,
    privateEndpointHasAclEntry,
    serverlessModeWithUpstreams,
    sharedPrivateEndpointApproved,
    sharedPrivateLinkGroupId,
    signalrPaidTier,
    upstreamAuthManagedIdentity,
    upstreamHttps,
    upstreamNoPlaintextSecrets,
};

// The engine-free evaluator (used by the offline plan and the tests).
export { evaluatePolicies, EvaluatedResource, PolicyReport, PolicyViolation } from "./evaluate";
