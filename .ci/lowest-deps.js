// Prints `name@version` for each runtime dependency at the lowest version its range allows, so CI
// can test what a consumer with older (but allowed) copies would run. Uses npm's own semver.
const semver = require("semver");
const { dependencies = {} } = require("../package.json");
const pins = Object.entries(dependencies).map(([name, range]) => `${name}@${semver.minVersion(range).version}`);
console.log(pins.join(" "));
