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
}

/**
 * A thin Resource Manager client on Azure's own pipeline: bearer tokens for `<endpoint>/.default`,
 * retries with Retry-After (core-rest-pipeline), long-running operations that follow
 * Azure-AsyncOperation / Location (core-lro), and nextLink paging.
 */
export class ArmClient {
    private readonly pipeline: Pipeline;
    private readonly httpClient = createDefaultHttpClient();
    readonly endpoint: string;

    constructor(private readonly options: ArmClientOptions) {
        this.endpoint = options.endpoint.replace(/\/+$/, "");
        this.pipeline = createPipelineFromOptions({
            retryOptions: { maxRetries: options.maxRetries ?? 5, retryDelayInMs: options.retryDelayInMs ?? 1000, maxRetryDelayInMs: options.maxRetryDelayInMs ?? 30000 },
            ...(options.ca ? { tlsOptions: { ca: options.ca } } : {}),
            userAgentOptions: { userAgentPrefix: "signalr-serverless" },
        });
        this.pipeline.addPolicy(bearerTokenAuthenticationPolicy({ credential: options.credential, scopes: `${this.endpoint}/.default` }));
    }

    /** Absolute URL of a resource path (`/subscriptions/…`) with its api-version. */
    url(path: string, apiVersion: string): string {
        return `${this.endpoint}${path}${path.includes("?") ? "&" : "?"}api-version=${encodeURIComponent(apiVersion)}`;
    }

    /** Sends one request; the pipeline retries what is retryable. Non-2xx answers become ArmError. */
    async send(method: "GET" | "PUT" | "PATCH" | "DELETE", url: string, body?: unknown): Promise<PipelineResponse & { json?: unknown }> {
        const request = createPipelineRequest({
            url: this.absolute(url),
            method,
            headers: createHttpHeaders({ Accept: "application/json", ...(body !== undefined ? { "Content-Type": "application/json" } : {}) }),
            body: body === undefined ? undefined : JSON.stringify(body),
        });
        const response = await this.pipeline.sendRequest(this.httpClient, request);
        const json = parseJson(response.bodyAsText ?? undefined);
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

    /** Every item of a list, following nextLink until it ends (at most `maxPages` pages). */
    async list<T>(url: string, maxPages = 100): Promise<T[]> {
        const items: T[] = [];
        let next: string | undefined = url;
        for (let page = 0; next && page < maxPages; page++) {
            const body = (await this.send("GET", next)).json as { value?: T[]; nextLink?: string | null } | undefined;
            items.push(...(body?.value ?? []));
            next = body?.nextLink ?? undefined;
        }
        return items;
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
        const lro: RunningOperation<unknown> = {
            sendInitialRequest: async () => toOperationResponse(await this.send(method, url, body), this.absolute(url), method, body),
            sendPollRequest: async (path: string) => toOperationResponse(await this.send("GET", path), this.absolute(path), "GET"),
        };
        const poller = createHttpPoller<T, OperationState<T>>(lro, { intervalInMs: this.options.lroPollIntervalInMs ?? 5000, resourceLocationConfig: "azure-async-operation" });
        return poller.pollUntilDone();
    }

    private absolute(url: string): string {
        return /^https?:\/\//.test(url) ? url : `${this.endpoint}${url}`;
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
