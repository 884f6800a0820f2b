// The argument names of a shared private endpoint, in one place: the ServerlessSignalR entry
// (`sharedPrivateEndpoints[i]`) and the standalone SharedPrivateEndpoint take the same settings of
// the link and its approval, so both key lists are built from one list and cannot drift apart.

/** The link's and its approval's settings that the entry and the standalone component both take. */
const SHARED_PRIVATE_ENDPOINT_SETTING_NAMES = [
    "targetResourceId",
    "groupId",
    "requestMessage",
    "approve",
    "approvalTimeoutSeconds",
    "approvalConfirmationSeconds",
    "approvalPollIntervalSeconds",
    "approvalMaxPollIntervalSeconds",
];

/** Every key of a ServerlessSignalR `sharedPrivateEndpoints` entry. */
export const SHARED_PRIVATE_ENDPOINT_ENTRY_ARG_NAMES = ["name", ...SHARED_PRIVATE_ENDPOINT_SETTING_NAMES];

/** Every argument of SharedPrivateEndpoint (the schema test checks the analyzer sees the same list). */
export const SHARED_PRIVATE_ENDPOINT_ARG_NAMES = [
    "resourceGroupName",
    "signalRName",
    ...SHARED_PRIVATE_ENDPOINT_SETTING_NAMES,
    "sharedPrivateLinkResourceName",
    "rejectOnDelete",
    "resourceManagerEndpoint",
];
