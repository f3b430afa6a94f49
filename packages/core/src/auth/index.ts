export * from "./principal.js";
