import type { TokenCredential } from "@azure/core-auth";
import { createHttpPoller, type OperationResponse, type OperationState, type RunningOperation } from "@azure/core-lro";
import {
    type Pipeline,
    type PipelineResponse,
    bearerTokenAuthenticationPolicy,
    createDefaultHttpClient,
    createHttpHeaders,
    createPipelineFromOptions,
    createPipelineRequest,
} from "@azure/core-rest-pipeline";
import { resourcePath } from "./resourceId";

/** An error answer from Resource Manager, with its HTTP status and ARM error code. */
export class ArmError extends Error {
    constructor(
        message: string,
        public readonly statusCode: number,
        public readonly code: string | undefined,
    ) {
        super(message);
        this.message = message; // see ValidationError: kept when the class is serialized
        this.name = "ArmError";
    }
}

export interface ArmClientOptions {
    /** Resource Manager endpoint, e.g. https://management.azure.com (no trailing slash). */
    endpoint: string;
    /** Token scope. @default `<endpoint>/.default` */
    scope?: string;
    credential: TokenCredential;
    /** Extra trusted CA certificates (PEM) for a private or test endpoint. */
    ca?: string;
    /** Retries of 429/5xx/network errors; 429 and 503 wait for Retry-After. @default 5 */
    maxRetries?: number;
    /** First delay of the exponential retry backoff. @default 1000 */
    retryDelayInMs?: number;
    /** Cap of the retry backoff. @default 30000 */
    maxRetryDelayInMs?: number;
    /** Poll interval of long-running operations when the service gives no Retry-After. @default 5000 */
    lroPollIntervalInMs?: number;
    /**
     * Time (ms since epoch) by which every request, retry wait (Retry-After included) and operation
     * poll must end: past it, the request is abandoned with an error saying why. @default none
     */
    deadline?: number;
}

/** The last answer Resource Manager gave, for the message of a deadline that ran out while retrying. */
interface LastAnswer {
    status: number;
    retryAfter?: string;
}

/**
 * A thin Resource Manager client on Azure's own pipeline: bearer tokens for the cloud's scope,
 * retries with Retry-After (core-rest-pipeline), long-running operations that follow
 * Azure-AsyncOperation / Location (core-lro), and nextLink paging.
 */
export class ArmClient {
    private readonly pipeline: Pipeline;
    private readonly httpClient = createDefaultHttpClient();
    readonly endpoint: string;
    private readonly origin: string;
    private lastAnswer?: LastAnswer;

    constructor(private readonly options: ArmClientOptions) {
        this.endpoint = options.endpoint.replace(/\/+$/, "");
        this.origin = new URL(this.endpoint).origin;
        this.pipeline = createPipelineFromOptions({
            retryOptions: { maxRetries: options.maxRetries ?? 5, retryDelayInMs: options.retryDelayInMs ?? 1000, maxRetryDelayInMs: options.maxRetryDelayInMs ?? 30000 },
            ...(options.ca ? { tlsOptions: { ca: options.ca } } : {}),
            userAgentOptions: { userAgentPrefix: "signalr-serverless" },
        });
        this.pipeline.addPolicy(bearerTokenAuthenticationPolicy({ credential: options.credential, scopes: options.scope ?? `${this.endpoint}/.default` }));
        // Sees every attempt (after the retry policy), so a deadline error can say what Azure last answered.
        this.pipeline.addPolicy(
            {
                name: "signalrServerlessLastAnswer",
                sendRequest: async (request, next) => {
                    const response = await next(request);
                    this.lastAnswer = { status: response.status, retryAfter: response.headers.get("retry-after") };
                    return response;
                },
            },
            { afterPhase: "Retry" },
        );
    }

    /**
     * Absolute URL of a resource (and, after it, child segments such as `privateEndpointConnections`)
     * with its api-version. The id is parsed by Azure's rules and every segment percent-encoded
     * (resourcePath): a `?`, `#`, `/` or `..` in an id can never send the request elsewhere.
     * `field` names the id in the error when it is refused.
     */
    url(resourceId: string, apiVersion: string, children: readonly string[] = [], field = "resourceId"): string {
        return `${this.endpoint}${resourcePath(field, resourceId, ...children)}?api-version=${encodeURIComponent(apiVersion)}`;
    }

    /**
     * Sends one request; the pipeline retries what is retryable. Non-2xx answers become ArmError, and
     * so does a 2xx whose body is not JSON. `source` names where an absolute URL came from (a
     * response header or field): only URLs on the configured Resource Manager origin are followed,
     * so the bearer token never goes anywhere else.
     */
    async send(method: "GET" | "PUT" | "PATCH" | "DELETE", url: string, body?: unknown, source = "request URL"): Promise<PipelineResponse & { json?: unknown }> {
        const target = this.trusted(url, source);
        const remaining = this.options.deadline === undefined ? undefined : this.options.deadline - Date.now();
        if (remaining !== undefined && remaining <= 0) throw this.deadlineError(method, target);
        const request = createPipelineRequest({
            url: target,
            method,
            headers: createHttpHeaders({ Accept: "application/json", ...(body !== undefined ? { "Content-Type": "application/json" } : {}) }),
            body: body === undefined ? undefined : JSON.stringify(body),
            ...(remaining !== undefined ? { abortSignal: AbortSignal.timeout(remaining) } : {}),
        });
        this.lastAnswer = undefined;
        let response: PipelineResponse;
        try {
            response = await this.pipeline.sendRequest(this.httpClient, request);
        } catch (e) {
            if (this.pastDeadline()) throw this.deadlineError(method, target);
            throw e;
        }
        const text = response.bodyAsText ?? "";
        const json = parseJson(text);
        if (response.status < 400 && text.trim() !== "" && json === undefined) {
            throw new ArmError(
                `${method} ${stripQuery(target)} answered HTTP ${response.status} with a body that is not JSON (Content-Type: ${response.headers.get("content-type") ?? "none"}): ${JSON.stringify(text.slice(0, 120))}`,
                response.status,
                "InvalidResponseBody",
            );
        }
        if (response.status >= 400) {
            const error = (json as { error?: { code?: string; message?: string } } | undefined)?.error;
            throw new ArmError(
                `${method} ${stripQuery(request.url)} failed with HTTP ${response.status}${error?.code ? ` ${error.code}` : ""}${error?.message ? `: ${error.message}` : ""}`,
                response.status,
                error?.code,
            );
        }
        return Object.assign(response, { json });
    }

    /** GET a resource; undefined when it does not exist (404). */
    async get<T>(url: string): Promise<T | undefined> {
        try {
            return (await this.send("GET", url)).json as T;
        } catch (e) {
            if (e instanceof ArmError && e.statusCode === 404) return undefined;
            throw e;
        }
    }

    /**
     * Every item of a list, following nextLink until it ends (at most `maxPages` pages). A nextLink
     * seen before ends paging, and items are unique by id (a repeated page adds nothing). A body
     * without a `value` array is an error, not an empty list.
     */
    async list<T extends { id?: string }>(url: string, maxPages = 100): Promise<T[]> {
        const items = new Map<string, T>();
        const seen = new Set<string>();
        let next: string | undefined = url;
        let source = "request URL";
        for (let page = 0; next && page < maxPages && !seen.has(this.absolute(next)); page++) {
            seen.add(this.absolute(next));
            const response = await this.send("GET", next, undefined, source);
            const body = response.json as { value?: unknown; nextLink?: string | null } | undefined;
            if (!body || !Array.isArray(body.value)) {
                throw new ArmError(
                    `GET ${stripQuery(this.absolute(next))} answered HTTP ${response.status} without a list (no "value" array): ${JSON.stringify((response.bodyAsText ?? "").slice(0, 120))}`,
                    response.status,
                    "InvalidResponseBody",
                );
            }
            for (const item of body.value as T[]) items.set(item.id?.toLowerCase() ?? `#${items.size}`, item);
            next = body.nextLink ?? undefined;
            source = "nextLink";
        }
        return [...items.values()];
    }

    /**
     * PUT (or PATCH) a resource and wait for it: a 200 is final; on 201/202 the operation is
     * followed through Azure-AsyncOperation or Location until it succeeds or fails.
     */
    async putAndWait<T>(url: string, body: unknown, method: "PUT" | "PATCH" = "PUT"): Promise<T> {
        const toOperationResponse = (r: PipelineResponse & { json?: unknown }, requestUrl: string, requestMethod: string, requestBody?: unknown): OperationResponse<unknown> => ({
            flatResponse: r.json,
            rawResponse: {
                statusCode: r.status,
                headers: r.headers.toJSON({ preserveCase: false }),
                body: r.json,
                request: { method: requestMethod, url: requestUrl, body: requestBody },
            },
        });
        // Which response header a poll URL came from, for the message if it points elsewhere.
        const headerOf = new Map<string, string>();
        const lro: RunningOperation<unknown> = {
            sendInitialRequest: async () => {
                const response = await this.send(method, url, body);
                for (const header of ["Azure-AsyncOperation", "Location", "Operation-Location"]) {
                    const value = response.headers.get(header);
                    if (value) headerOf.set(value, `${header} header`);
                }
                return toOperationResponse(response, this.absolute(url), method, body);
            },
            sendPollRequest: async (path: string) =>
                toOperationResponse(await this.send("GET", path, undefined, headerOf.get(path) ?? "operation URL"), this.absolute(path), "GET"),
        };
        const poller = createHttpPoller<T, OperationState<T>>(lro, { intervalInMs: this.options.lroPollIntervalInMs ?? 5000, resourceLocationConfig: "azure-async-operation" });
        const remaining = this.options.deadline === undefined ? undefined : this.options.deadline - Date.now();
        try {
            return await poller.pollUntilDone(remaining !== undefined ? { abortSignal: AbortSignal.timeout(Math.max(remaining, 1)) } : {});
        } catch (e) {
            if (this.pastDeadline() && !(e instanceof ArmError)) throw this.deadlineError(method, this.absolute(url));
            throw e;
        }
    }

    private absolute(url: string): string {
        return /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `${this.endpoint}${url}`;
    }

    /** The absolute URL, if it is on the Resource Manager origin over https; else an error naming where it came from. */
    private trusted(url: string, source: string): string {
        const absolute = this.absolute(url);
        let parsed: URL;
        try {
            parsed = new URL(absolute);
        } catch {
            throw new ArmError(`Refusing to follow the ${source} "${absolute}": not a URL`, 0, "UntrustedUrl");
        }
        if (parsed.protocol !== "https:" || parsed.origin !== this.origin) {
            throw new ArmError(
                `Refusing to follow the ${source} to ${parsed.protocol}//${parsed.host}: only ${this.origin} (the Resource Manager endpoint) receives the bearer token`,
                0,
                "UntrustedUrl",
            );
        }
        return absolute;
    }

    /** Whether the deadline has (all but) passed: an abort then is the deadline's, not the caller's. */
    private pastDeadline(): boolean {
        return this.options.deadline !== undefined && Date.now() >= this.options.deadline - 5;
    }

    private deadlineError(method: string, url: string): ArmError {
        const last = this.lastAnswer;
        const why = last
            ? `Resource Manager last answered HTTP ${last.status}${last.retryAfter ? ` and asked to retry after ${last.retryAfter} s` : ""}`
            : "no answer came in time";
        return new ArmError(`${method} ${stripQuery(url)} did not finish before the deadline (the resource's timeout): ${why}`, 0, "DeadlineExceeded");
    }
}

function parseJson(text: string | undefined): unknown {
    if (!text) return undefined;
    try {
        return JSON.parse(text);
    } catch {
        return undefined;
    }
}

function stripQuery(url: string): string {
    return url.split("?")[0];
}
