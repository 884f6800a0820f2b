// What each handler checks about an upstream call, kept apart from the Functions wiring so it
// can be tested without the Functions host.
import { UPSTREAM_HEADERS, forwardedForAddress, isPrivateAddress, verifyUpstreamSignature } from "signalr-serverless/protocol";

/** The SignalR trigger's invocation context (the host may deliver it in either casing). */
export interface SignalRInvocation {
    ConnectionId?: string;
    Hub?: string;
    Category?: string;
    Event?: string;
    Headers?: Record<string, string | string[]>;
    Arguments?: unknown[];
    Error?: string;
    connectionId?: string;
    hub?: string;
    category?: string;
    event?: string;
    headers?: Record<string, string | string[]>;
    arguments?: unknown[];
    error?: string;
}

/** The report each handler logs. */
export interface UpstreamReport {
    hub: string;
    category: string;
    event: string;
    connectionId: string;
    /** X-ASRS-Signature matches one of the service's access keys. */
    signatureValid: boolean;
    /** The client address X-Forwarded-For names. */
    forwardedFor?: string;
    /** True when that address is private: the call came through the shared private endpoint. */
    viaPrivateAddress: boolean;
}

/** Reads a header case-insensitively from the invocation's headers. */
function header(headers: Record<string, string | string[]> | undefined, name: string): string | undefined {
    const key = Object.keys(headers ?? {}).find((k) => k.toLowerCase() === name.toLowerCase());
    const value = key ? headers![key] : undefined;
    return Array.isArray(value) ? value.join(",") : value;
}

/** Checks an upstream call: signature against the access keys (`primary,secondary`) and source address. */
export function inspectUpstreamCall(invocation: SignalRInvocation, accessKeys: string | undefined): UpstreamReport {
    const headers = invocation.Headers ?? invocation.headers;
    const connectionId = invocation.ConnectionId ?? invocation.connectionId ?? header(headers, UPSTREAM_HEADERS.connectionId) ?? "";
    const keys = (accessKeys ?? "")
        .split(",")
        .map((k) => k.trim())
        .filter(Boolean);
    const forwardedFor = forwardedForAddress(header(headers, "X-Forwarded-For"));
    return {
        hub: invocation.Hub ?? invocation.hub ?? header(headers, UPSTREAM_HEADERS.hub) ?? "",
        category: invocation.Category ?? invocation.category ?? header(headers, UPSTREAM_HEADERS.category) ?? "",
        event: invocation.Event ?? invocation.event ?? header(headers, UPSTREAM_HEADERS.event) ?? "",
        connectionId,
        signatureValid: verifyUpstreamSignature(connectionId, header(headers, UPSTREAM_HEADERS.signature), keys),
        forwardedFor,
        viaPrivateAddress: isPrivateAddress(forwardedFor),
    };
}
