import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { corsNotWildcard } from "./corsNotWildcard";
import { functionAppHttpsOnly } from "./functionAppHttpsOnly";
import { functionAppManagedIdentity } from "./functionAppManagedIdentity";
import { functionAppMinTls } from "./functionAppMinTls";
import { functionAppPrivate } from "./functionAppPrivate";
import { functionPlanSupportsPrivateEndpoints } from "./functionPlanSupportsPrivateEndpoints";
import { keyVaultHardened } from "./keyVaultHardened";
import { keyVaultReferencesWellFormed } from "./keyVaultReferencesWellFormed";
import { localAuthDisabled } from "./localAuthDisabled";
import { managedIdentityAuthNeedsIdentity } from "./managedIdentityAuthNeedsIdentity";
import { privateEndpointHasAclEntry } from "./privateEndpointHasAclEntry";
import { serverlessModeWithUpstreams } from "./serverlessModeWithUpstreams";
import { sharedPrivateEndpointApproved } from "./sharedPrivateEndpointApproved";
import { sharedPrivateLinkGroupId } from "./sharedPrivateLinkGroupId";
import { signalrAuthEnabled } from "./signalrAuthEnabled";
import { signalrDiagnosticLogs } from "./signalrDiagnosticLogs";
import { signalrKeyVaultReachable } from "./signalrKeyVaultReachable";
import { signalrNameValid } from "./signalrNameValid";
import { signalrPaidTier } from "./signalrPaidTier";
import { signalrPrivateAccessWhenPublicDisabled } from "./signalrPrivateAccessWhenPublicDisabled";
import { signalrProductionReplicas } from "./signalrProductionReplicas";
import { signalrReplicaLinksApproved } from "./signalrReplicaLinksApproved";
import { signalrReplicasPremium } from "./signalrReplicasPremium";
import { signalrPublicNetworkDisabled } from "./signalrPublicNetworkDisabled";
import { upstreamAuthManagedIdentity } from "./upstreamAuthManagedIdentity";
import { upstreamHttps } from "./upstreamHttps";
import { upstreamNoPlaintextSecrets } from "./upstreamNoPlaintextSecrets";

export const POLICY_PACK_NAME = "signalr-serverless";

/** Every policy of the pack, mandatory first. policypack/ builds the PolicyPack from this list. */
export const policies: (ResourceValidationPolicy | StackValidationPolicy)[] = [
    signalrPaidTier,
    signalrReplicasPremium,
    signalrNameValid,
    signalrAuthEnabled,
    serverlessModeWithUpstreams,
    upstreamHttps,
    upstreamNoPlaintextSecrets,
    keyVaultReferencesWellFormed,
    managedIdentityAuthNeedsIdentity,
    sharedPrivateLinkGroupId,
    functionPlanSupportsPrivateEndpoints,
    signalrPrivateAccessWhenPublicDisabled,
    signalrKeyVaultReachable,
    upstreamAuthManagedIdentity,
    corsNotWildcard,
    localAuthDisabled,
    signalrPublicNetworkDisabled,
    signalrDiagnosticLogs,
    signalrProductionReplicas,
    keyVaultHardened,
    functionAppPrivate,
    functionAppHttpsOnly,
    functionAppMinTls,
    functionAppManagedIdentity,
    sharedPrivateEndpointApproved,
    signalrReplicaLinksApproved,
    privateEndpointHasAclEntry,
];

export {
    corsNotWildcard,
    functionAppHttpsOnly,
    functionAppManagedIdentity,
    functionAppMinTls,
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
    signalrAuthEnabled,
    signalrDiagnosticLogs,
    signalrKeyVaultReachable,
    signalrNameValid,
    signalrPaidTier,
    signalrPrivateAccessWhenPublicDisabled,
    signalrProductionReplicas,
    signalrPublicNetworkDisabled,
    signalrReplicaLinksApproved,
    signalrReplicasPremium,
    upstreamAuthManagedIdentity,
    upstreamHttps,
    upstreamNoPlaintextSecrets,
};
