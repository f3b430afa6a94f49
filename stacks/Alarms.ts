/**
 * Alarms on what needs a human: failed executions, deployments that ended
 * `rollback_failed`, dead-lettered relay batches and API 5xx. They notify one SNS topic;
 * `ROLLGATE_ALARM_EMAIL` at deploy time subscribes an address to it.
 */
import { use, type StackContext } from "sst/constructs";
import { Duration } from "aws-cdk-lib";
import { Alarm, ComparisonOperator, Metric, TreatMissingData, type IMetric } from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import { Topic } from "aws-cdk-lib/aws-sns";
import { EmailSubscription } from "aws-cdk-lib/aws-sns-subscriptions";
import { NagSuppressions } from "cdk-nag";
import { alertMetrics } from "@rollgate/core/events";
import { Api } from "./Api.js";
import { Orchestration } from "./Orchestration.js";
import { OutboxRelay } from "./OutboxRelay.js";

const period = Duration.minutes(5);

export function Alarms({ stack, app }: StackContext) {
  const { stateMachine } = use(Orchestration);
  const { api } = use(Api);
  const { deadLetterQueue } = use(OutboxRelay);

  const topic = new Topic(stack, "AlarmTopic", { enforceSSL: true });
  NagSuppressions.addResourceSuppressions(topic, [
    {
      id: "AwsSolutions-SNS2",
      reason: "Alarm notifications carry no secrets; CloudWatch cannot publish to the aws/sns key and a CMK costs $1/month at rest.",
    },
  ]);
  const email = process.env.ROLLGATE_ALARM_EMAIL;
  if (email) topic.addSubscription(new EmailSubscription(email));

  const alarm = (id: string, metric: IMetric, description: string) => {
    const created = new Alarm(stack, id, {
      metric,
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: description,
    });
    created.addAlarmAction(new SnsAction(topic));
    return created;
  };

  const alarms = {
    failedExecutions: alarm(
      "FailedExecutions",
      stateMachine.metricFailed({ period, statistic: "Sum" }),
      "A rollout execution failed (its compensation kept failing, or the state machine itself broke).",
    ),
    rollbackFailed: alarm(
      "RollbackFailed",
      new Metric({
        namespace: alertMetrics.namespace,
        metricName: alertMetrics.names["deployment.rollback_failed"],
        dimensionsMap: alertMetrics.dimensions(app.stage),
        period,
        statistic: "Sum",
      }),
      "A deployment ended rollback_failed: traffic may be split and the lock is held until a human acts.",
    ),
    deadLetters: alarm(
      "RelayDeadLetters",
      deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period, statistic: "Maximum" }),
      "The outbox relay gave up on a stream batch; events in it were not published.",
    ),
    api5xx: alarm(
      "Api5xx",
      api.cdk.httpApi.metricServerError({ period, statistic: "Sum" }),
      "The HTTP API answered 5xx (Rollgate never answers 5xx for bad input).",
    ),
  };

  stack.addOutputs({ AlarmTopicArn: topic.topicArn });
  return { topic, alarms };
}
