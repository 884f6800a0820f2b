import * as pulumi from "@pulumi/pulumi";
import * as monitor from "@pulumi/azure-native/monitor";
import { parseResourceIdOfType } from "../arm/resourceId";
import { ValidationError, fieldPath } from "../upstream/validationError";
import { checkArray, checkBoolean, checkExtensionResourceName, checkKnownKeys, checkObject, checkOneOf } from "./argChecks";
import { checkedInput } from "./plainOrOutput";
import { SignalRDiagnosticSettingArgs } from "./serverlessSignalRArgs";

/** SignalR's resource log category and groups, and its metric category (Azure Monitor's supported logs/metrics). */
export const SIGNALR_LOG_CATEGORIES = ["AllLogs"] as const;
export const LOG_CATEGORY_GROUPS = ["allLogs", "audit"] as const;
export const METRIC_CATEGORIES = ["AllMetrics"] as const;
export const LOG_ANALYTICS_DESTINATION_TYPES = ["Dedicated", "AzureDiagnostics"] as const;
/** Azure Monitor's limit of diagnostic settings per resource. */
export const MAX_DIAGNOSTIC_SETTINGS = 5;

/** The destinations, each with the resource type its id must have. */
const DESTINATIONS = [
    ["workspaceResourceId", "Microsoft.OperationalInsights/workspaces"],
    ["storageAccountResourceId", "Microsoft.Storage/storageAccounts"],
    ["eventHubAuthorizationRuleResourceId", "Microsoft.EventHub/namespaces/authorizationRules"],
] as const;
type DestinationKey = (typeof DESTINATIONS)[number][0];
const destinationType = (key: DestinationKey): string => DESTINATIONS.find(([k]) => k === key)![1];

const checkDestinationId = (field: string, type: string, id: string): void => void parseResourceIdOfType(field, id, type);

/** Checks `diagnosticSettings` (AVM's shape): at most 5, each with a destination, known categories, unique names. */
export function checkDiagnosticSettings(field: string, list: unknown): void {
    checkArray(field, list);
    const settings = (list as SignalRDiagnosticSettingArgs[] | undefined) ?? [];
    if (settings.length > MAX_DIAGNOSTIC_SETTINGS) {
        throw new ValidationError(field, `must hold at most ${MAX_DIAGNOSTIC_SETTINGS} settings (Azure Monitor's limit per resource)`, `${settings.length} settings`);
    }
    const names = new Set<string>();
    settings.forEach((d, i) => {
        const item = `${field}[${i}]`;
        checkObject(item, d);
        checkKnownKeys(item, d, [
            "name",
            "logCategoriesAndGroups",
            "metricCategories",
            "workspaceResourceId",
            "logAnalyticsDestinationType",
            "storageAccountResourceId",
            "eventHubAuthorizationRuleResourceId",
            "eventHubName",
        ]);
        if (DESTINATIONS.every(([key]) => d[key] === undefined)) {
            throw new ValidationError(item, "needs a destination: workspaceResourceId, storageAccountResourceId and/or eventHubAuthorizationRuleResourceId", d);
        }
        for (const [key, type] of DESTINATIONS) {
            const id = d[key];
            if (typeof id === "string") checkDestinationId(fieldPath(item, key), type, id);
        }
        if (d.eventHubName !== undefined && d.eventHubAuthorizationRuleResourceId === undefined) {
            throw new ValidationError(fieldPath(item, "eventHubName"), "needs eventHubAuthorizationRuleResourceId (the namespace's authorization rule)", d.eventHubName);
        }
        checkOneOf(fieldPath(item, "logAnalyticsDestinationType"), d.logAnalyticsDestinationType, LOG_ANALYTICS_DESTINATION_TYPES);
        if (d.logAnalyticsDestinationType !== undefined && d.workspaceResourceId === undefined) {
            throw new ValidationError(fieldPath(item, "logAnalyticsDestinationType"), "applies only with workspaceResourceId", d.logAnalyticsDestinationType);
        }
        checkArray(fieldPath(item, "logCategoriesAndGroups"), d.logCategoriesAndGroups);
        (d.logCategoriesAndGroups ?? []).forEach((c, j) => {
            const path = `${item}.logCategoriesAndGroups[${j}]`;
            checkObject(path, c);
            checkKnownKeys(path, c, ["category", "categoryGroup", "enabled"]);
            if ((c.category === undefined) === (c.categoryGroup === undefined)) throw new ValidationError(path, "must set exactly one of category and categoryGroup", c);
            checkOneOf(fieldPath(path, "category"), c.category, SIGNALR_LOG_CATEGORIES);
            checkOneOf(fieldPath(path, "categoryGroup"), c.categoryGroup, LOG_CATEGORY_GROUPS);
            checkBoolean(fieldPath(path, "enabled"), c.enabled);
        });
        checkArray(fieldPath(item, "metricCategories"), d.metricCategories);
        (d.metricCategories ?? []).forEach((m, j) => {
            const path = `${item}.metricCategories[${j}]`;
            checkObject(path, m);
            checkKnownKeys(path, m, ["category", "enabled"]);
            if (m.category === undefined) throw new ValidationError(fieldPath(path, "category"), "is required", undefined);
            checkOneOf(fieldPath(path, "category"), m.category, METRIC_CATEGORIES);
            checkBoolean(fieldPath(path, "enabled"), m.enabled);
        });
        const name = d.name ?? `#${i}`;
        checkExtensionResourceName(fieldPath(item, "name"), d.name);
        if (names.has(name.toLowerCase())) throw new ValidationError(fieldPath(item, "name"), "must be unique among the diagnostic settings (names are case-insensitive)", d.name);
        names.add(name.toLowerCase());
    });
}

/**
 * One diagnostic setting per entry on the service: all logs and all metrics unless told otherwise,
 * named like AVM's (`<service>-diagnosticSettings`, then `-1`, `-2`, …). Output-typed ids are
 * checked once known.
 */
export function createDiagnosticSettings(
    name: string,
    serviceId: pulumi.Input<string>,
    serviceName: pulumi.Input<string>,
    list: SignalRDiagnosticSettingArgs[],
    opts: pulumi.CustomResourceOptions,
): monitor.DiagnosticSetting[] {
    return list.map((d, i) => {
        const field = `diagnosticSettings[${i}]`;
        const destination = (key: DestinationKey) =>
            d[key] === undefined ? undefined : checkedInput(d[key]!, (id) => checkDestinationId(fieldPath(field, key), destinationType(key), id));
        return new monitor.DiagnosticSetting(
            `${name}-diagnostics${i}`,
            {
                resourceUri: serviceId,
                name: d.name ?? pulumi.interpolate`${serviceName}-diagnosticSettings${i === 0 ? "" : `-${i}`}`,
                workspaceId: destination("workspaceResourceId"),
                logAnalyticsDestinationType: d.logAnalyticsDestinationType,
                storageAccountId: destination("storageAccountResourceId"),
                eventHubAuthorizationRuleId: destination("eventHubAuthorizationRuleResourceId"),
                eventHubName: d.eventHubName,
                logs: (d.logCategoriesAndGroups ?? [{ categoryGroup: "allLogs" }]).map((c) => ({
                    ...(c.category ? { category: c.category } : { categoryGroup: c.categoryGroup }),
                    enabled: c.enabled ?? true,
                })),
                metrics: (d.metricCategories ?? [{ category: "AllMetrics" }]).map((m) => ({ category: m.category, enabled: m.enabled ?? true })),
            },
            opts,
        );
    });
}
