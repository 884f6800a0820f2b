import type { ApprovalOptions } from "../../src";
import { FakeResourceManager, fakeCredential } from "./fakeResourceManager";

/** Approval options against the fake Resource Manager, with waits short enough for tests. */
export function fakeArmApprovalOptions(arm: FakeResourceManager, targetResourceId: string, requestMessage: string, extra: Partial<ApprovalOptions> = {}): ApprovalOptions {
    return {
        targetResourceId,
        requestMessage,
        resourceManagerEndpoint: arm.endpoint,
        credential: fakeCredential,
        ca: arm.ca,
        pollIntervalSeconds: 0.02,
        maxPollIntervalSeconds: 0.05,
        timeoutSeconds: 5,
        retryDelayInMs: 20,
        ...extra,
    };
}
