import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import pluginQuery from "@tanstack/eslint-plugin-query";
import jsxA11y from "eslint-plugin-jsx-a11y";

/** One-way imports: app -> components -> lib; the emulator and the console never import each other. */
const layers = {
  files: ["**/*.{ts,tsx}"],
  rules: {
    "import/no-cycle": "error",
    "import/no-restricted-paths": [
      "error",
      {
        zones: [
          { target: "./lib", from: ["./app", "./components", "./emulator"] },
          { target: "./components", from: ["./app", "./emulator"] },
          { target: "./app", from: ["./emulator"] },
          { target: "./emulator", from: ["./lib", "./components", "./app"] },
        ],
      },
    ],
  },
};

/** Vendor types stop at lib/azure. */
const vendorBoundary = {
  files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
  ignores: [],
  rules: {
    "no-restricted-imports": [
      "error",
      {
        patterns: [
          { group: ["@azure/arm-*", "@azure/core-*"], message: "ARM SDK types stay in lib/azure." },
        ],
      },
    ],
  },
};

const config = [
  { ignores: [".next/**", "node_modules/**", ".emulator/**", "next-env.d.ts", "coverage/**"] },
  ...nextVitals,
  ...nextTs,
  ...pluginQuery.configs["flat/recommended"],
  {
    files: ["**/*.tsx"],
    rules: { ...jsxA11y.flatConfigs.recommended.rules },
  },
  layers,
  vendorBoundary,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      "no-console": ["error", { allow: ["warn", "error"] }],
    },
  },
  {
    files: ["emulator/**", "scripts/**", "bench/**", "tests/**"],
    rules: { "no-console": "off" },
  },
];

export default config;
