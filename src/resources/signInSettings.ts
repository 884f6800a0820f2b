import type { AzureNativeConfig } from "../arm/armSettings";
import type { ResourceLifecycle } from "./lifecycle";

/** The input every ARM-backed resource takes: azure-native's stack configuration, as the program read it. */
export interface SignInSettingsInput {
    /** azure-native's sign-in and cloud settings from the stack config (`azure-native:<key>`); secrets as Pulumi secrets. @default none: the environment only */
    azureNativeConfig?: AzureNativeConfig;
}

const KEY = "azureNativeConfig";

/**
 * `props` with the sign-in settings of `current` (none when it has none). The lifecycle's own diff
 * gets the old state this way: its properties compare as before, and any read of Azure it makes
 * signs in with the current settings, as every other call does.
 */
function withSettingsOf<T extends object>(props: T, current: SignInSettingsInput): T {
    const { [KEY]: _previous, ...rest } = props as Record<string, unknown>;
    return (current[KEY] === undefined ? rest : { ...rest, [KEY]: current[KEY] }) as T;
}

/**
 * How sign-in settings take part in a lifecycle. They say who signs in, not what exists in Azure:
 * a change of them alone (a rotated client secret, an OIDC setting) is an update that only stores
 * them, so that a later read or delete signs in with the current ones, and never a write to Azure
 * or a replacement. Every other change is the resource's own, and signs in with the new settings.
 */
export function withSignInSettings<I extends SignInSettingsInput & object, O extends I>(lifecycle: ResourceLifecycle<I, O>): ResourceLifecycle<I, O> {
    const settingsChanged = (olds: I, news: I) => JSON.stringify(olds[KEY] ?? null) !== JSON.stringify(news[KEY] ?? null);
    return {
        ...lifecycle,
        async diff(id, olds, news) {
            const own = await lifecycle.diff(id, withSettingsOf(olds, news), news);
            return own.changes || !settingsChanged(olds, news) ? own : { changes: true, replaces: [], deleteBeforeReplace: false };
        },
        async update(id, olds, news) {
            const own = await lifecycle.diff(id, withSettingsOf(olds, news), news);
            if (own.changes) return lifecycle.update(id, olds, news);
            return { outs: withSettingsOf(olds, news) };
        },
    };
}
