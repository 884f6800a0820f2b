// `npm run plan [-- <program>] [--stack <name>] [--json] [--verbose]`: the package's
// `signalr-serverless plan` command run from this checkout (the reference deployment by default).
import { main } from "../src/cli/main";

main(["plan", ...process.argv.slice(2)]).then((code) => process.exit(code));
