import type { SSTConfig } from "sst";
import { rollgateStacks } from "./stacks/index.js";

/** SST v2 app. Deploy: `npx sst deploy --stage <name>`; offline templates: `npm run synth`. */
export default {
  config(input) {
    return { name: "rollgate", region: input.region ?? process.env.AWS_REGION ?? "us-east-1" };
  },
  stacks(app) {
    rollgateStacks(app);
  },
} satisfies SSTConfig;
