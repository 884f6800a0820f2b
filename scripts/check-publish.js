// `npm publish` guard: the package's public links must be real before it goes to a registry.
// The repository's address is the publishing org's to set; this refuses to publish without it.
"use strict";
const pkg = require("../package.json");

const missing = ["repository", "homepage", "bugs"].filter((field) => {
    const value = pkg[field];
    const url = typeof value === "string" ? value : value && value.url;
    return !url || /<org>|example\.(com|org)/.test(url);
});
if (missing.length) {
    console.error(`Refusing to publish: set ${missing.join(", ")} in package.json to the repository this package is published from.`);
    process.exit(1);
}
