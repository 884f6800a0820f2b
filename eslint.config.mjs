// Lint: typescript-eslint's recommended rules plus Pulumi's rules that forbid Outputs in
// template literals (use pulumi.interpolate instead).
import tseslint from "typescript-eslint";
import pulumi from "@pulumi/eslint-plugin";

export default tseslint.config({ ignores: ["dist/**", "node_modules/**", "scratch/**", "**/*.js", "**/*.mjs"] }, ...tseslint.configs.recommended, {
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
});
