export * from "./host";
export * from "./table";
export * from "./show-endpoints";
export * from "./commands";
export * from "./registry-ref";
