export * from "./documents";
export * from "./engine";
export * from "./report";
export * from "./resources";
export * from "./rule";
export * from "./rules";
export * from "./suppressions";
