export * from "./resourceId";
export * from "./deterministicGuid";
export * from "./privateLinkTargets";
export * from "./privateEndpointAcl";
