// Lint: typescript-eslint's recommended rules plus Pulumi's rules that forbid Outputs in
// template literals (use pulumi.interpolate instead).
import tseslint from "typescript-eslint";
import pulumi from "@pulumi/eslint-plugin";

export default tseslint.config(
    { ignores: ["dist/**", "node_modules/**", "scratch/**", "**/*.js", "**/*.mjs"] },
    ...tseslint.configs.recommended,
    {
        files: ["**/*.ts"],
        languageOptions: {
            parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
        },
        plugins: { "@pulumi": pulumi },
        rules: {
            "@pulumi/no-output-in-template-literal": "error",
            "@pulumi/no-output-instance-in-template-literal": "error",
            "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
        },
    },
    {
        // The reference deployment's own tsconfig.json is the one `pulumi up` there compiles with; its
        // imports of signalr-serverless resolve only after `npm install` there. Linted with the root's,
        // whose paths map the package to src/, so the Output rules above see the component's types.
        files: ["examples/complete/index.ts"],
        languageOptions: { parserOptions: { projectService: false, project: "./tsconfig.json", tsconfigRootDir: import.meta.dirname } },
    },
);
