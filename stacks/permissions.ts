/**
 * IAM statements written out action by action, so each function's policy says exactly what
 * it does (CDK's grant helpers add actions Rollgate never calls, such as Scan).
 */
import { PolicyStatement } from "aws-cdk-lib/aws-iam";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import { tableDefinition } from "@rollgate/core/store";

/**
 * The item-level actions the repositories use. Transactions need no action of their own:
 * DynamoDB authorizes each Put/Update/Delete/ConditionCheck inside them. No Scan.
 */
export const tableItemActions = [
  "dynamodb:GetItem",
  "dynamodb:BatchGetItem",
  "dynamodb:Query",
  "dynamodb:PutItem",
  "dynamodb:UpdateItem",
  "dynamodb:DeleteItem",
  "dynamodb:ConditionCheckItem",
  "dynamodb:BatchWriteItem",
] as const;

/** Read and write items of the table and query its one GSI (named, not `index/*`). */
export function tableReadWrite(table: ITable): PolicyStatement {
  return new PolicyStatement({
    actions: [...tableItemActions],
    resources: [table.tableArn, `${table.tableArn}/index/${tableDefinition.gsi1.name}`],
  });
}
