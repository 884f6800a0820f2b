import { SIGNALR_API_VERSION, createArmClient, writeDeadline } from "../approval/engine";
import { systemClock } from "../arm/clock";
import { retryOnConflict } from "../arm/retryOnConflict";
import { parseResourceIdOfType } from "../arm/resourceId";
import { toggleKeyVaultReferenceSlashes } from "../upstream/keyVaultReference";
import { redactUrlsInText } from "../upstream/redactUrl";
import { checkUpstreamTemplate } from "../upstream/upstreamTemplate";
import type { LifecycleDependencies } from "./approval";
import { KEY_VAULT_RBAC_SETTLE_SECONDS, waitForGrantsToApply } from "./grantSettling";
import { withSignInSettings, SignInSettingsInput } from "./signInSettings";
import { CheckFailure, ResourceLifecycle, changedKeys, checkFailures, isUnknown } from "./lifecycle";
import { operationPollFailures, operationPollIntervalMs } from "./operationPolling";

/** An upstream template in ARM's JSON shape (the same as azure-native's input). */
export interface ArmUpstreamTemplate {
    urlTemplate: string;
    hubPattern?: string;
    categoryPattern?: string;
    eventPattern?: string;
    auth?: { type: string; managedIdentity?: { resource?: string } };
}

/** Inputs of UpstreamSettingsRefresh (stored in state: ids and templates; secret when the templates are). */
export interface UpstreamRefreshInputs extends SignInSettingsInput {
    /** Resource id of the SignalR service. */
    serviceId: string;
    /** The service's upstream templates, re-submitted as they are. */
    templates: ArmUpstreamTemplate[];
    /** Anything whose change should cause another re-read, e.g. the grants' ids. */
    triggers: string[];
    /**
     * When the Key Vault role assignments were created (their `createdOn`): the re-read waits until
     * `settleSeconds` after the newest, so that it cannot come before the grants apply. @default none: no wait
     */
    grantsCreatedOn?: string[];
    /** How long role assignments take to apply. @default 600 (Azure RBAC on Key Vault: up to 10 minutes) */
    settleSeconds?: number;
    /** Wait between polls of each PATCH's SignalR operation when Azure sends no Retry-After. @default 5 */
    operationPollIntervalSeconds?: number;
    resourceManagerEndpoint?: string;
    /**
     * Accept literal credentials in the templates, as the component's option of the same name does
     * (the component passes it through). @default false: a plaintext secret fails the check
     */
    allowPlaintextUpstreamSecrets?: boolean;
}

export type UpstreamRefreshOutputs = UpstreamRefreshInputs;

/** Inputs the package provider always keeps secret: the templates may hold a credential. */
export const UPSTREAM_REFRESH_SECRET_FIELDS = ["templates"] as const;

/**
 * Check failures of the templates, validated as the component validates its own (rules, auth,
 * URL, no plaintext secret unless allowed); templates or fields not known yet (preview) are skipped.
 */
export function checkArmUpstreamTemplates(templates: unknown, allowPlaintextUpstreamSecrets: unknown): CheckFailure[] {
    if (isUnknown(templates) && !Array.isArray(templates)) return [];
    if (!Array.isArray(templates)) return [{ property: "templates", reason: "`templates` must be a list of upstream templates" }];
    if (allowPlaintextUpstreamSecrets !== undefined && typeof allowPlaintextUpstreamSecrets !== "boolean" && !isUnknown(allowPlaintextUpstreamSecrets)) {
        return [{ property: "allowPlaintextUpstreamSecrets", reason: `\`allowPlaintextUpstreamSecrets\` must be a boolean, got ${JSON.stringify(allowPlaintextUpstreamSecrets)}` }];
    }
    const allow = allowPlaintextUpstreamSecrets === true || isUnknown(allowPlaintextUpstreamSecrets);
    return templates.flatMap((t: unknown, i) => {
        const field = `templates[${i}]`;
        if (isUnknown(t)) return [];
        if (typeof t !== "object" || t === null || Array.isArray(t)) return [{ property: field, reason: `\`${field}\` must be an upstream template object` }];
        const { auth, ...rest } = t as ArmUpstreamTemplate;
        const plain = { ...rest, auth: auth?.type, managedIdentityResource: auth?.managedIdentity?.resource };
        const defined = Object.fromEntries(Object.entries(plain).filter(([, v]) => v !== undefined));
        return checkFailures(() => checkUpstreamTemplate(defined as never, { field, allowPlaintextUpstreamSecrets: allow }), field);
    });
}

/** Checks a SignalR service id and returns the service's name. */
export const checkServiceId = (serviceId: string): string => parseResourceIdOfType("serviceId", serviceId, "Microsoft.SignalRService/signalR", "a SignalR service").name;

/**
 * UpstreamSettingsRefresh: makes the service re-read its Key Vault references now. The service
 * re-reads them every 30 minutes, or when its upstream settings change; this PATCHes
 * `properties.upstream` twice: first with every reference's trailing slash toggled (same secrets,
 * different settings: a real change), then with the settings as declared, so the service ends
 * exactly as azure-native configured it. It first waits until the grants have surely applied
 * (usually no wait: the components order it after the shared private links and their approval,
 * which take minutes), and a PATCH the service refuses with 409 (busy) is sent again.
 */
export function upstreamRefreshLifecycle(deps: LifecycleDependencies = {}): ResourceLifecycle<UpstreamRefreshInputs, UpstreamRefreshOutputs> {
    const log = deps.log ?? (() => undefined);
    const clock = deps.clock ?? systemClock;
    const patch = async (inputs: UpstreamRefreshInputs) => {
        const serviceName = checkServiceId(inputs.serviceId);
        const settleSeconds = inputs.settleSeconds ?? KEY_VAULT_RBAC_SETTLE_SECONDS;
        await waitForGrantsToApply(inputs.grantsCreatedOn ?? [], settleSeconds, clock, log);
        // The two PATCHes, after any settle wait (SignalR may be busy for minutes with another operation).
        const deadline = writeDeadline(clock.now());
        const client = await createArmClient({
            ...inputs,
            ...deps,
            deadline: writeDeadline(),
            operationPollIntervalMs: operationPollIntervalMs(inputs.operationPollIntervalSeconds),
        });
        log(`Changing the upstream settings of ${serviceName} and back, so that it re-reads its Key Vault references now.`);
        const url = client.url(inputs.serviceId, SIGNALR_API_VERSION, [], "serviceId");
        const toggled = inputs.templates.map((t, i) => ({ ...t, urlTemplate: toggleKeyVaultReferenceSlashes(t.urlTemplate, `templates[${i}].urlTemplate`) }));
        for (const templates of [toggled, inputs.templates]) {
            try {
                await retryOnConflict(() => client.putAndWait(url, { properties: { upstream: { templates } } }, "PATCH"), {
                    deadline,
                    what: `Upstream settings of ${serviceName}`,
                    clock,
                    log,
                    firstDelayMs: deps.retryDelayInMs,
                });
            } catch (e) {
                // The service's answer may quote the templates it refused.
                if (e instanceof Error) e.message = redactUrlsInText(e.message);
                throw e;
            }
        }
    };
    return withSignInSettings({
        async check(_olds, news) {
            const failures = isUnknown(news.serviceId) ? [] : checkFailures(() => checkServiceId(news.serviceId), "serviceId");
            failures.push(...checkArmUpstreamTemplates(news.templates, news.allowPlaintextUpstreamSecrets));
            const settle = news.settleSeconds;
            if (settle !== undefined && !isUnknown(settle) && !(Number.isInteger(settle) && settle >= 0 && settle <= 3600)) {
                failures.push({
                    property: "settleSeconds",
                    reason: `\`settleSeconds\` must be a whole number of seconds from 0 to 3600, got ${JSON.stringify(news.settleSeconds)}`,
                });
            }
            failures.push(...operationPollFailures(news.operationPollIntervalSeconds));
            return { inputs: news, failures };
        },
        async create(inputs) {
            await patch(inputs);
            return { id: `${inputs.serviceId}/upstreamRefresh`, outs: inputs };
        },
        async read(id, props) {
            return { id, props }; // nothing to read: the settings belong to the service
        },
        async diff(_id, olds, news) {
            return { changes: changedKeys(olds, news).length > 0, replaces: olds.serviceId !== news.serviceId ? ["serviceId"] : [], deleteBeforeReplace: false };
        },
        async update(_id, _olds, news) {
            await patch(news);
            return { outs: news };
        },
        async delete() {
            // Nothing to undo: the settings belong to the service.
        },
    });
}
