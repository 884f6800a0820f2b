/** Request headers SignalR Service sets on every upstream call in serverless mode. */
export const UPSTREAM_HEADERS = {
    /** The client connection's id (the data the signature is computed over). */
    connectionId: "X-ASRS-Connection-Id",
    /** The hub the connection belongs to. */
    hub: "X-ASRS-Hub",
    /** `connections` or `messages`. */
    category: "X-ASRS-Category",
    /** `connected`, `disconnected`, or the invocation target. */
    event: "X-ASRS-Event",
    /** `sha256=<hex>` per access key, joined by `,`. */
    signature: "X-ASRS-Signature",
    /** The client's claims. */
    userClaims: "X-ASRS-User-Claims",
    /** The client's user id. */
    userId: "X-ASRS-User-Id",
    /** The query string the client connected with. */
    clientQuery: "X-ASRS-Client-Query",
    /** Bearer token, present when the upstream uses ManagedIdentity auth. */
    authorization: "Authorization",
} as const;

export type UpstreamHeaderName = (typeof UPSTREAM_HEADERS)[keyof typeof UPSTREAM_HEADERS];
