import { SIGNALR_REQUEST_TYPES } from "../arm/privateEndpointAcl";
import { ValidationError } from "../upstream/validationError";
import { checkArray, checkOneOf } from "./argChecks";

/** Request types a serverless service may allow on any network: no app server connects in serverless mode. */
export const SERVERLESS_REQUEST_TYPES = SIGNALR_REQUEST_TYPES.filter((t) => t !== "ServerConnection");

/** Checks a list of request types to allow: known types, no ServerConnection, none twice. */
export function checkServerlessRequestTypes(field: string, list: unknown): void {
    checkArray(field, list);
    ((list as unknown[] | undefined) ?? []).forEach((r, i) => {
        const item = `${field}[${i}]`;
        checkOneOf(item, r, SIGNALR_REQUEST_TYPES);
        if (r === "ServerConnection") {
            throw new ValidationError(item, `must not be ServerConnection in serverless mode, where no app server connects: allow ${SERVERLESS_REQUEST_TYPES.join(", ")}`, r);
        }
        if ((list as unknown[]).indexOf(r) !== i) throw new ValidationError(item, "repeats an earlier request type", r);
    });
}
