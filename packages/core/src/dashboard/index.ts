/** The dashboard's read model: the overview matrix, the in-flight list and the approvals inbox. */
export { createDashboardReads, type DashboardReads, type EnvironmentCell, type InFlightDeployment } from "./board.js";
export { gateAwaiting } from "./inbox.js";
