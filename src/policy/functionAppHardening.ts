import type { StackValidationPolicy } from "@pulumi/policy";
import { Props, linkTargeting, ofKind } from "./resourceTypes";
import { judge } from "./unknowns";

/**
 * A stack rule over the Function apps of the pattern (those a shared private link of the stack
 * targets), one judgment per app: `problem` says what is wrong with the app, or undefined.
 */
export function functionAppRule(rule: Omit<StackValidationPolicy, "validateStack">, problem: (props: Props) => string | undefined): StackValidationPolicy {
    return {
        ...rule,
        validateStack: (args, report) => {
            for (const app of ofKind(args.resources, "webApp")) {
                judge(() => {
                    if (!linkTargeting(app, args.resources)) return;
                    const found = problem(app.props);
                    if (found) report(`Function app ${app.name}: ${found}`, app.urn);
                });
            }
        },
    };
}
