// Package root: re-exports only.
export * from "./upstream";
export * from "./protocol";
