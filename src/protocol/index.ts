export * from "./headers";
export * from "./messages";
export * from "./signature";
export * from "./privateAddress";
