import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import pluginQuery from "@tanstack/eslint-plugin-query";
import jsxA11y from "eslint-plugin-jsx-a11y";

/** Rooms that run only on the server: they import `server-only`, and nothing the browser loads may import them. */
export const SERVER_ROOMS = [
  "./lib/azure",
  "./lib/api",
  "./lib/probe/server",
  "./lib/auth/server",
  "./lib/fleet/server",
  "./lib/registry",
  "./lib/vantages/server",
  "./lib/env.ts",
  "./lib/settings.ts",
  "./lib/log",
  "./lib/lifecycle",
  "./lib/security",
];
/** Rooms that run only in the browser (React client code). */
export const BROWSER_ROOMS = [
  "./components",
  "./lib/queries",
  "./lib/probe/browser",
  "./lib/auth/browser",
];
/** Pure code both sides load: it may import neither side's rooms. */
export const SHARED_ROOMS = [
  "./lib/probe/shared",
  "./lib/fleet/shared",
  "./lib/repro",
  "./lib/vantages/shared",
  "./lib/switches",
  "./lib/endpoints",
  "./lib/exports",
  "./lib/arm-id.ts",
  "./lib/arm-constants.ts",
  "./lib/cloud.ts",
  "./lib/change-failure.ts",
  "./lib/error-advice.ts",
  "./lib/error-report.ts",
  "./lib/errors.ts",
  "./lib/types.ts",
];

/**
 * One-way imports: app -> components -> lib; the emulator and the console never import each
 * other; browser and shared code never import a server room, and server and shared code never
 * import browser code.
 */
const layers = {
  files: ["**/*.{ts,tsx}"],
  rules: {
    "import/no-cycle": "error",
    "import/no-restricted-paths": [
      "error",
      {
        zones: [
          { target: "./lib", from: ["./app", "./components", "./emulator", "./agent"] },
          { target: "./components", from: ["./app", "./emulator"] },
          { target: "./app", from: ["./emulator"] },
          { target: "./emulator", from: ["./lib", "./components", "./app"] },
          {
            target: [...BROWSER_ROOMS, ...SHARED_ROOMS],
            from: SERVER_ROOMS,
            message:
              "Server-only code: the browser must not load it (see the rooms in eslint.config.mjs).",
          },
          {
            target: [...SERVER_ROOMS, ...SHARED_ROOMS],
            from: BROWSER_ROOMS,
            message: "Browser code: server and shared rooms must not import it.",
          },
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
