/** Request bodies of the serverless upstream protocol. */

/** `connections` / `connected`: the body is an empty JSON object. */
export type ConnectedMessage = Record<string, never>;

/** `connections` / `disconnected`. */
export interface DisconnectedMessage {
    /** Why the connection closed; empty when it closed without error. */
    Error?: string;
}

/** `messages` / `<target>`: a hub method invocation (JSON or MessagePack). */
export interface InvocationMessage {
    /** Present when the client expects a result. */
    InvocationId?: string;
    /** The invoked method; equals the event name. */
    Target: string;
    /** The method's arguments. */
    Arguments: unknown[];
}

/** Content types the service sends invocation messages with. */
export const INVOCATION_CONTENT_TYPES = ["application/json", "application/x-msgpack"] as const;
