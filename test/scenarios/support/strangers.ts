import { strict as assert } from "node:assert";
import { type FakeConnection, type FakeResourceManager, TEST_SUBSCRIPTION } from "../../support/fakeResourceManager";

/** The stranger's private endpoint the scenarios put on the target (another resource group: not SignalR's). */
export const THEIR_ENDPOINT = `/subscriptions/${TEST_SUBSCRIPTION}/resourceGroups/other-rg/providers/Microsoft.Network/privateEndpoints/theirs`;

/**
 * Snapshots the connections on a target that no shared private link made (strangers'); the returned
 * check asserts they are exactly as they were: the approval never touches them.
 */
export function strangersOn(arm: FakeResourceManager, targetId: string): () => void {
    const theirs = (): FakeConnection[] => arm.connectionsOn(targetId).filter((c) => !c.sharedPrivateLinkResourceId);
    const before = structuredClone(theirs());
    return () => assert.deepEqual(theirs(), before, "no stranger's connection touched");
}
