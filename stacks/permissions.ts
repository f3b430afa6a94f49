/**
 * IAM statements written out action by action, so each function's policy says exactly what
 * it does (CDK's grant helpers add actions Rollgate never calls, such as Scan).
 */
import { ArnFormat, type Stack } from "aws-cdk-lib";
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

/**
 * What the in-flight sweep (functions/src/resume.ts) does with the table: query the ACTIVE
 * index, read a deployment, record the execution it started (puts in a transaction). Items
 * of the table only, not the GSI.
 */
export const resumeTableActions = ["dynamodb:Query", "dynamodb:GetItem", "dynamodb:PutItem"] as const;

export function resumeTableAccess(table: ITable): PolicyStatement {
  return new PolicyStatement({ actions: [...resumeTableActions], resources: [table.tableArn] });
}

/** What the `lambda-alias` traffic target calls on the functions it shifts. */
export const lambdaTargetActions = [
  "lambda:GetAlias",
  "lambda:GetFunctionConfiguration",
  "lambda:PublishVersion",
  "lambda:UpdateAlias",
] as const;

/**
 * Opt-in permissions for the `lambda-alias` target: the functions named in
 * `ROLLGATE_LAMBDA_TARGETS` (comma-separated names or ARNs, read at deploy time), their
 * versions and aliases, and CloudWatch GetMetricData for the analysis. None by default.
 */
export function lambdaTargetStatements(stack: Stack, setting: string | undefined): PolicyStatement[] {
  const functions = (setting ?? "").split(",").map((f) => f.trim()).filter(Boolean);
  if (functions.length === 0) return [];
  const arns = functions.map((f) =>
    f.startsWith("arn:") ? f : stack.formatArn({ service: "lambda", resource: "function", resourceName: f, arnFormat: ArnFormat.COLON_RESOURCE_NAME }),
  );
  return [
    new PolicyStatement({ actions: [...lambdaTargetActions], resources: arns.flatMap((arn) => [arn, `${arn}:*`]) }),
    new PolicyStatement({ actions: ["cloudwatch:GetMetricData"], resources: ["*"] }),
  ];
}
