// Property (issue 27, "Also"): whatever the resource ids hold, no request ever leaves the intended
// resource path. The real lifecycles (system key, approval engine, ACL entry, upstream refresh) run
// against the fake Resource Manager, which records each request's path as it arrived on the wire.
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { approvePrivateEndpointConnection, createNetworkAclProvider, createSystemKeyProvider, createUpstreamRefreshProvider } from "../../src";
import { fakeArmApprovalOptions } from "../support/approvalOptions";
import { fakeClock } from "../support/fakeClock";
import { FakeResourceManager, TEST_SUBSCRIPTION, fakeCredential } from "../support/fakeResourceManager";

/** Characters that bend URLs, mixed with ones that do not. */
const hostile = fc.constantFrom(
    "?",
    "#",
    "%",
    "%2F",
    "%2e",
    "/",
    "\\",
    ".",
    "..",
    "\t",
    "\n",
    "\u0000",
    "\u007f",
    "\ud800",
    " ",
    "&",
    "=",
    ";",
    "@",
    ":",
    "+",
    "ü",
    "(",
    ")",
    "-",
    "_",
    "a",
    "Z",
    "7",
);
/** A segment that may be anything: hostile pieces, or arbitrary text. */
const anySegment = fc.oneof(
    fc.array(hostile, { minLength: 0, maxLength: 6 }).map((parts) => parts.join("")),
    fc.string({ maxLength: 8 }),
    fc.constantFrom("contoso-func", "app-rg", "contoso-signalr"),
);

/** Valid names by Microsoft's documented rules (written here from the docs, independently of the parser). */
const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".split("");
const alnum = [...letters, ..."0123456789".split("")];
const validGroup = fc
    .array(fc.constantFrom(...alnum, "-", "_", ".", "(", ")", "ü", "é", "名"), { minLength: 1, maxLength: 90 })
    .map((c) => c.join(""))
    .filter((g) => !g.endsWith(".") && !g.includes(".."));
const validSite = fc
    .tuple(fc.constantFrom(...alnum), fc.array(fc.constantFrom(...alnum, "-"), { maxLength: 58 }), fc.constantFrom(...alnum))
    .map(([a, mid, z]) => a + mid.join("") + z);
const validSignalR = fc
    .tuple(fc.constantFrom(...letters), fc.array(fc.constantFrom(...alnum, "-"), { minLength: 1, maxLength: 61 }), fc.constantFrom(...alnum))
    .map(([a, mid, z]) => a + mid.join("") + z);

/** The decoded segments of the path the server received (after the URL standard resolved `.`/`..`). */
const receivedSegments = (rawPath: string) => rawPath.split("/").map((s) => decodeURIComponent(s));
/** The segments the id itself names: a request must go to exactly these (nothing cut off, nothing resolved away). */
const idSegments = (rg: string, type: string, name: string) => `/subscriptions/${TEST_SUBSCRIPTION}/resourceGroups/${rg}/providers/${type}/${name}`.split("/");

describe("property: resource ids never bend a request's path", function () {
    this.timeout(300_000);
    let arm: FakeResourceManager;
    before(async () => {
        arm = new FakeResourceManager();
        await arm.start();
    });
    after(() => arm.stop());

    /**
     * Runs one lifecycle call with the id's resource group and name, then checks every request it
     * sent went to `expected` (the id's own segments, then the children the call appends). Returns
     * how many requests were sent.
     */
    const runAndCheck = async (expected: string[], call: () => Promise<unknown>): Promise<number> => {
        arm.requests.length = 0;
        await call().catch(() => undefined); // refused or answered 404: either way only the paths matter here
        for (const r of arm.requests) assert.deepEqual(receivedSegments(r.rawPath), expected, `${r.method} ${r.rawPath}`);
        return arm.requests.length;
    };

    const systemKey = async (rg: string, name: string) => {
        const provider = createSystemKeyProvider({ credential: fakeCredential, ca: arm.ca });
        const inputs = { functionAppId: idSegments(rg, "Microsoft.Web/sites", name).join("/"), keyName: "signalr_extension", value: "v", resourceManagerEndpoint: arm.endpoint };
        const expected = [...idSegments(rg, "Microsoft.Web/sites", name), "host", "default", "systemkeys", "signalr_extension"];
        return (await runAndCheck(expected, () => provider.create(inputs))) + (await runAndCheck(expected, () => provider.delete!("id", inputs)));
    };
    const approvalList = (rg: string, name: string) => {
        const target = idSegments(rg, "Microsoft.Web/sites", name);
        return runAndCheck([...target, "privateEndpointConnections"], () =>
            approvePrivateEndpointConnection(fakeArmApprovalOptions(arm, target.join("/"), "m", { timeoutSeconds: 0.2 })),
        );
    };
    const serviceCalls = async (rg: string, name: string) => {
        const service = idSegments(rg, "Microsoft.SignalRService/signalR", name);
        const serviceId = service.join("/");
        const clock = fakeClock(Date.now());
        const acl = createNetworkAclProvider({ credential: fakeCredential, ca: arm.ca, clock });
        const refresh = createUpstreamRefreshProvider({ credential: fakeCredential, ca: arm.ca, clock });
        const pe = `/subscriptions/${TEST_SUBSCRIPTION}/resourceGroups/net-rg/providers/Microsoft.Network/privateEndpoints/pe1`;
        const aclInputs = { serviceId, privateEndpointId: pe, allow: ["ClientConnection"], resourceManagerEndpoint: arm.endpoint, timeoutSeconds: 1 };
        return (
            (await runAndCheck(service, () => acl.read!("id", { ...aclInputs, connectionName: "c", connectionId: "c", inEffect: true }))) +
            (await runAndCheck(service, () => acl.create(aclInputs))) +
            (await runAndCheck(service, () =>
                refresh.create({ serviceId, templates: [{ urlTemplate: "https://f.example/" }], triggers: [], resourceManagerEndpoint: arm.endpoint }),
            ))
        );
    };

    it("whatever the resource group and name hold, every request goes to the id's own path", async () => {
        await fc.assert(
            fc.asyncProperty(fc.oneof(anySegment, validGroup), fc.oneof(anySegment, validSite), async (rg, name) => {
                await systemKey(rg, name);
                await approvalList(rg, name);
                await serviceCalls(rg, name);
            }),
            { numRuns: 60 },
        );
    });

    it("ids valid by the documented rules (Unicode resource groups included) are sent, to exactly their path", async () => {
        await fc.assert(
            fc.asyncProperty(validGroup, validSite, validSignalR, async (rg, site, service) => {
                assert.ok((await systemKey(rg, site)) > 0, "the system key was sent");
                assert.ok((await approvalList(rg, site)) > 0, "the connections were listed");
                assert.ok((await serviceCalls(rg, service)) > 0, "the service was read");
            }),
            { numRuns: 30 },
        );
    });
});
