import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { marshall, unmarshall } from "@aws-sdk/util-dynamodb";

/** Plain object -> DynamoDB item (undefined fields dropped). */
export function marshallItem(value: Record<string, unknown>): Record<string, AttributeValue> {
  return marshall(value, { removeUndefinedValues: true, convertClassInstanceToMap: true });
}

export function unmarshallItem<T = Record<string, unknown>>(item: Record<string, AttributeValue>): T {
  return unmarshall(item) as T;
}
