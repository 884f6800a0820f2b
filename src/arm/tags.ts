import { ValidationError } from "../upstream/validationError";

/** Azure's tag limits (Azure Resource Manager, "Use tags to organize your Azure resources", Limitations). */
export const TAG_LIMITS = { maxTags: 50, maxNameLength: 512, maxValueLength: 256 } as const;
const FORBIDDEN_IN_TAG_NAME = /[<>%&\\?/]/;

/**
 * Checks tags against Azure's limits: at most 50, names 1-512 characters without `<>%&\?/`, values
 * at most 256 characters. Values that are not strings yet (Outputs) are left to `checkTagValue`.
 */
export function checkTags(field: string, tags: unknown): void {
    if (tags === undefined) return;
    if (typeof tags !== "object" || tags === null || Array.isArray(tags)) throw new ValidationError(field, "must be an object of tag names to values", tags);
    const names = Object.keys(tags);
    if (names.length > TAG_LIMITS.maxTags) {
        throw new ValidationError(field, `must hold at most ${TAG_LIMITS.maxTags} tags (Azure's limit per resource), got ${names.length}`, `${names.length} tags`);
    }
    for (const name of names) {
        const path = `${field}[${JSON.stringify(name)}]`;
        if (name.length === 0 || name.length > TAG_LIMITS.maxNameLength) {
            throw new ValidationError(path, `must have a name of 1-${TAG_LIMITS.maxNameLength} characters (Azure's limit), got ${name.length}`, name);
        }
        const bad = FORBIDDEN_IN_TAG_NAME.exec(name);
        if (bad) throw new ValidationError(path, `must not have \`${bad[0]}\` in its name: Azure refuses < > % & \\ ? / in tag names`, name);
        const value = (tags as Record<string, unknown>)[name];
        if (typeof value === "string") checkTagValue(path, value);
    }
}

/** A tag value: at most 256 characters. */
export function checkTagValue(field: string, value: unknown): void {
    if (typeof value !== "string") throw new ValidationError(field, "must be a string", value);
    if (value.length > TAG_LIMITS.maxValueLength) {
        throw new ValidationError(field, `must have a value of at most ${TAG_LIMITS.maxValueLength} characters (Azure's limit), got ${value.length}`, value);
    }
}
