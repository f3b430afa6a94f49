/**
 * Generated from the Rollgate app's /openapi.json by `npm run client:generate`
 * (scripts/client-schema.ts, openapi-typescript). Do not edit by hand.
 */

export interface paths {
    "/approvals/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The approval page of one approver's link
         * @description No credential: the link is one. Shows the rollout, who approves through the link and the votes so far; changes nothing.
         */
        get: operations["viewApprovalLink"];
        put?: never;
        /**
         * Approve or reject as the link's approver
         * @description From the page's own form (a cross-site request is a 403) or a JSON client. A form gets the page back, also when the decision is refused (with the refusal's status); JSON gets the link's view or a problem.
         */
        post: operations["decideByApprovalLink"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Liveness, and whether the database answers
         * @description No credential needed. The database probe is cached, so the call is cheap; 503 with `Retry-After` while the database does not answer.
         */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * This document (OpenAPI 3.1)
         * @description No credential needed. Rendered for people at `/docs`.
         */
        get: operations["getOpenApiDocument"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/deployments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List deployments, newest first
         * @description Summaries, filtered by `specId`, `environment` and `status`, paged with `limit` and `cursor`.
         */
        get: operations["listDeployments"];
        put?: never;
        /**
         * Start a rollout of a spec version to an environment (`?dryRun=true`: the plan only)
         * @description Compiles the plan (every setting with its source), checks the promotion path and the policy, and starts the rollout: 202 with the deployment. 409 with the in-flight deployment's id when the environment has one running. `Idempotency-Key` is honoured.
         */
        post: operations["createDeployment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/deployments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A deployment: status, plan, current step, traffic weights, timeline, approvals, analysis, compensation log
         * @description Everything about one deployment; the task token of an open gate is never shown.
         */
        get: operations["getDeployment"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/deployments/{id}/abort": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Stop a rollout in flight and compensate (traffic back on the stable version)
         * @description Needs `rollback` or `deploy`. The deployment ends `aborted` once its compensations ran; 409 when it has already finished.
         */
        post: operations["abortDeployment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/deployments/{id}/approvals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve or reject the open approval gate
         * @description By a principal with the `approve` scope and one of the gate's required roles; the requester cannot approve their own deployment, and a principal votes once per gate.
         */
        post: operations["decideApproval"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/deployments/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The deployment's events after a sequence number, oldest first (what `rollgate watch` follows)
         * @description Pass the last `nextSeq` as `after` to get only what is new; `hasMore` says the page was full. Event types and their data are the `Event` component.
         */
        get: operations["listDeploymentEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/deployments/{id}/resolve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Admin: take over a rollback_failed deployment and release its environment's lock
         * @description For when compensation cannot succeed (a decommissioned deployer, say) and a human has put traffic right by hand. The status stays rollback_failed; who and why are recorded.
         */
        post: operations["resolveDeployment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/deployments/{id}/rollback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * In flight: like abort. Finished: a new deployment restoring the environment's previous version
         * @description Returns the deployment doing the rollback, with `rollbackMode`: stopped (it was in flight), new_deployment, or compensation_retried (it had ended rollback_failed).
         */
        post: operations["rollbackDeployment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Who am I: the caller's principal, its roles, and the credential's scopes
         * @description Any valid credential may ask; no scope needed.
         */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/policy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The platform's environment policy: the floor specs cannot lower
         * @description Revision 0 and no environments until an admin first sets one. The ETag is the revision; `If-None-Match` with it is a 304 while it is current.
         */
        get: operations["getPolicy"];
        /**
         * Admin: replace the platform's environment policy
         * @description Per environment name: `requiresApproval`, `approvers` (roles), `after` (environments a version must have succeeded in first), `autoDeploy`, `strategies`, `slackChannel`. Each change is a new revision and writes a `policy.changed` event with the actor. `If-Match` with the ETag refuses to overwrite a newer revision (412). An unchanged document changes nothing.
         */
        put: operations["putPolicy"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/principals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List principals, by subject
         * @description Disabled principals included, paged with `limit` and `cursor`.
         */
        get: operations["listPrincipals"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/principals/{subject}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One principal
         * @description 404 for a subject nobody created.
         */
        get: operations["getPrincipal"];
        /**
         * Create or replace a principal (roles, display name, email, disabled)
         * @description Subjects are lower-case identifiers (`^[a-z0-9][a-z0-9._@-]{0,127}$`); anything else is a 422 naming `subject`, never normalized. `disabled: true` revokes the principal's tokens and approval links.
         */
        put: operations["putPrincipal"];
        post?: never;
        /**
         * Disable a principal: its tokens are revoked and its approval links stop working at once
         * @description Principals are disabled, not deleted: the subject stays taken, so votes and deployments keep pointing at who they were. `PUT` with `disabled: false` re-enables it (revoked tokens stay revoked).
         */
        delete: operations["disablePrincipal"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/slack/users/{slackUserId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A Slack user's link
         * @description The principal the Slack user acts as and the scopes it has in Slack; 404 when the user is not linked.
         */
        get: operations["getSlackUser"];
        /**
         * Link a Slack user to a principal, with the scopes it acts with in Slack
         * @description The Slack user then acts as `subject` with `scopes` (`specs:read`, `approve`, `rollback`, `deploy`) and the principal's roles, under the same rules as the API: no self-approval, one vote per principal.
         */
        put: operations["putSlackUser"];
        post?: never;
        /**
         * Unlink a Slack user: it acts as nobody from now on
         * @description Removes the link. The Slack user's commands and button clicks are refused from then on; votes already cast stay recorded.
         */
        delete: operations["deleteSlackUser"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/specs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List specs
         * @description Paged with `limit` and `cursor`.
         */
        get: operations["listSpecs"];
        put?: never;
        /**
         * Register a spec document
         * @description 201 with a new version, 200 when identical content is already registered. `Idempotency-Key` is honoured. An environment with `auto_deploy` may start a deployment (`deploymentId`).
         */
        post: operations["registerSpec"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/specs/{specId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Spec summary: latest version and the version current in each environment
         * @description `environments` in promotion order, as `GET /v1/specs/{specId}/environments` lists them.
         */
        get: operations["getSpec"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/specs/{specId}/diff": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * RFC 6902 JSON Patch from one version to another, with the rollout-relevant changes
         * @description `to` defaults to `latest`. `rolloutChanges` flags the changes that loosen a guardrail.
         */
        get: operations["diffSpecVersions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/specs/{specId}/environments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Environments in promotion order with their current and previous versions
         * @description With the last deployment in each; an environment nothing was deployed to yet has null versions.
         */
        get: operations["listSpecEnvironments"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/specs/{specId}/environments/{env}/rollback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Chat-ops: roll an environment back to its previous version
         * @description A new deployment restoring the environment's previous version. 409 when there is none, or when the last deployment there was already a rollback (deploy the version on purpose instead).
         */
        post: operations["rollbackEnvironment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/specs/{specId}/promote": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Deploy the version current in `from` to `to`
         * @description CI's main call: the version current in `from` is deployed to `to`, with the same rules as `POST /v1/deployments`. `Idempotency-Key` is honoured.
         */
        post: operations["promoteSpec"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/specs/{specId}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List versions, newest first
         * @description Summaries (no document), paged with `limit` and `cursor`.
         */
        get: operations["listSpecVersions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/specs/{specId}/versions/{version}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One version (`latest` allowed); `Accept: application/yaml` returns the raw text as submitted
         * @description A numbered version carries a strong `ETag` and honours `If-None-Match` (304). The raw text never changes (`Cache-Control: private, max-age=31536000, immutable`); the JSON form carries the lifecycle state, which can change, so it may be cached for the server's state staleness bound only. `latest` moves: `Cache-Control: no-cache`. A spec registered as JSON has no YAML text: under `Accept: application/yaml` it is a 406, unless the Accept header also takes `application/json` (then the JSON form is served).
         */
        get: operations["getSpecVersion"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change a version's lifecycle state (active, deprecated, disabled)
         * @description A disabled version cannot be deployed; a deprecated one can, with a warning. `If-Match` with the ETag of the version's JSON form refuses to change a state that changed since (412). The response's ETag is the new JSON form's.
         */
        patch: operations["setSpecVersionState"];
        trace?: never;
    };
    "/v1/specs/validate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Validate a spec document without registering it
         * @description A dry run of `POST /v1/specs`: 200 with the warnings, or 422 with every error (path, and line for YAML).
         */
        post: operations["validateSpec"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/targets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List registered targets, by name (never their secrets)
         * @description Paged with `limit` and `cursor`.
         */
        get: operations["listTargets"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/targets/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One registered target (never its secret)
         * @description A name that is not a valid target name is a 422 naming `name`.
         */
        get: operations["getTarget"];
        /**
         * Register or replace a webhook or lambda-alias target, and say which specs and environments may use it
         * @description 201 when created (with `Location`), 200 when replaced. A webhook target's signing secret is in the body once: when it is created, or when a new secret had to be generated.
         */
        put: operations["putTarget"];
        post?: never;
        /**
         * Remove a registered target
         * @description 409 TARGET_IN_USE while a rollout in flight uses it; deployments naming it are refused from then on.
         */
        delete: operations["deleteTarget"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List tokens (never their secrets)
         * @description Newest first, paged with `limit` and `cursor`. A revoked token is removed, so it is not listed.
         */
        get: operations["listTokens"];
        put?: never;
        /**
         * Issue an API token (the secret is shown once)
         * @description The subject is a principal: created when missing; `roles`, when given, become its roles. A subject that is not a lower-case identifier is a 422 naming `subject`.
         */
        post: operations["issueToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tokens/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke a token
         * @description The token stops working at once; its principal and the principal's other tokens are untouched. `Location` of an issued token is this URL.
         */
        delete: operations["revokeToken"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List subscriptions, oldest first (never their secrets)
         * @description Paged with `limit` and `cursor`.
         */
        get: operations["listWebhooks"];
        put?: never;
        /**
         * Subscribe a URL to events
         * @description Each event is delivered as a CloudEvent signed per Standard Webhooks. The signing secret is in the 201 body, this once.
         */
        post: operations["createWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Unsubscribe
         * @description Nothing more is delivered: pending deliveries end failed with WEBHOOK_DELETED.
         */
        delete: operations["deleteWebhook"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The delivery log of a subscription
         * @description Newest event first: attempts, status, last HTTP status and error; paged with `limit` and `cursor`.
         */
        get: operations["listWebhookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}/deliveries/{deliveryId}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Retry a pending or failed delivery now
         * @description The same webhook-id and body; the dispatcher attempts it next. 409 `WEBHOOK_DELIVERY_DELIVERED` once delivered, 409 `WEBHOOK_DELIVERY_IN_FLIGHT` while an attempt of it is running (retry after its outcome is in the log).
         */
        post: operations["retryWebhookDelivery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        ApprovalGate: {
            approvedRoles: string[];
            expiresAt: string;
            gate: number;
            /** @description How many approval links were minted for the gate (one per eligible principal) */
            links: number;
            openedAt: string;
            requiredRoles: string[];
            /** @description Required roles nobody eligible held when the gate opened. */
            rolesWithoutApprovers?: string[];
            /**
             * @description cancelled: the deployment was aborted or rolled back while the gate was open
             * @enum {string}
             */
            status: "open" | "approved" | "rejected" | "timed_out" | "cancelled";
            /** @description The plan step of the gate */
            step: number;
            votes: components["schemas"]["Vote"][];
        };
        ApprovalLinkView: {
            approver: {
                displayName?: string;
                roles: string[];
                subject: string;
            };
            canDecide: boolean;
            decided: boolean;
            deploymentId: string;
            environment: string;
            expired: boolean;
            expiresAt: string;
            gate: {
                approvedRoles: string[];
                expiresAt: string;
                gate: number;
                requiredRoles: string[];
                /**
                 * @description cancelled: the deployment was aborted or rolled back while the gate was open
                 * @enum {string}
                 */
                status: "open" | "approved" | "rejected" | "timed_out" | "cancelled";
            } | null;
            gateOpen: boolean;
            plan: {
                approvalRequired: boolean;
                approvers: string[];
                minDurationSeconds: number;
                /** @enum {string} */
                purpose: "deploy" | "rollback";
                steps: string[];
                /** @enum {string} */
                strategy: "blue_green" | "canary" | "rolling";
                weights: number[];
            };
            planSummary: string[];
            reason?: string;
            requestedBy: string;
            revoked: boolean;
            role: string | null;
            specId: string;
            /** @enum {string} */
            status: "pending" | "in_progress" | "awaiting_approval" | "rolling_back" | "succeeded" | "rolled_back" | "rollback_failed" | "aborted";
            strategy: string;
            version: number;
            votes: components["schemas"]["Vote"][];
        };
        CreateDeployment: {
            environment: string;
            force?: boolean;
            reason?: string;
            /** @example payments-api */
            specId: string;
            /** @enum {string} */
            strategy?: "blue_green" | "canary" | "rolling";
            version: number | "latest";
        };
        CreatedWebhook: {
            allowPrivateNetwork: boolean;
            createdAt: string;
            createdBy: string;
            description?: string;
            disabledReason?: string;
            events: string[];
            id: string;
            /** @description The signing secret (`whsec_` + base64, Standard Webhooks): shown once */
            secret: string;
            /** @enum {string} */
            status: "active" | "disabled";
            url: string;
        };
        Deployment: {
            analysis: {
                checks: {
                    at: string;
                    errorRate: number;
                    latencyP99Ms: number;
                    passed: boolean;
                    step: number;
                    weight: number;
                }[];
                failedChecks: number;
                /** @description Failed health checks at the current health step */
                healthAttempts: number;
                threshold: number;
            };
            approvals: components["schemas"]["ApprovalGate"][];
            /** @description When the running bake ends */
            bakeUntil?: string;
            compensationLog: {
                at: string;
                error?: string;
                kind: string;
                /** @enum {string} */
                outcome: "completed" | "failed";
                step: number;
            }[];
            createdAt: string;
            currentStep: {
                index: number;
                kind: string;
            } | null;
            environment: string;
            executionId?: string;
            failure?: {
                code: string;
                message: string;
                step?: number;
            };
            finishedAt?: string;
            /** @description Started with `force` (the promotion path was skipped) */
            forced?: boolean;
            id: string;
            pendingCompensations: {
                kind: string;
                registeredAt: string;
                restore?: {
                    currentVersion: number | null;
                    lastDeploymentId: string | null;
                    previousVersion: number | null;
                };
                step: number;
            }[];
            plan: components["schemas"]["Plan"];
            /** @enum {string} */
            purpose: "deploy" | "rollback";
            reason?: string;
            requestedBy: string;
            resolvedAt?: string;
            /** @description Who took over a rollback_failed deployment and released its lock */
            resolvedBy?: string;
            /** @description Bumped by every change; the sequence number of the latest event */
            revision: number;
            /** @description Why compensation gave up (rollback_failed) */
            rollbackError?: string;
            rollbackOf?: string;
            rollbackStartedAt?: string;
            specId: string;
            stableVersion: number | null;
            /** @enum {string} */
            status: "pending" | "in_progress" | "awaiting_approval" | "rolling_back" | "succeeded" | "rolled_back" | "rollback_failed" | "aborted";
            /** @description A stop a person asked for, and how the deployment ends once compensated */
            stopRequest?: {
                at: string;
                by: string;
                /** @enum {string} */
                outcome: "aborted" | "rolled_back";
                reason?: string;
            };
            /** @enum {string} */
            strategy: "blue_green" | "canary" | "rolling";
            timeline: components["schemas"]["Event"][];
            trafficWeights: {
                candidate: number;
                stable: number;
            };
            updatedAt: string;
            version: number;
            /** @description On create: e.g. the version is deprecated. */
            warnings?: components["schemas"]["FieldIssue"][];
        };
        DeploymentEventPage: {
            /** @description The page was full: ask again at once */
            hasMore: boolean;
            items: components["schemas"]["Event"][];
            /** @description Pass as `after` for what follows (equal to `after` when nothing new was there) */
            nextSeq: number;
        };
        DeploymentSummary: {
            createdAt: string;
            environment: string;
            finishedAt?: string;
            id: string;
            /** @enum {string} */
            purpose: "deploy" | "rollback";
            reason?: string;
            requestedBy: string;
            specId: string;
            stableVersion: number | null;
            /** @enum {string} */
            status: "pending" | "in_progress" | "awaiting_approval" | "rolling_back" | "succeeded" | "rolled_back" | "rollback_failed" | "aborted";
            /** @enum {string} */
            strategy: "blue_green" | "canary" | "rolling";
            version: number;
        };
        DisabledPrincipal: components["schemas"]["Principal"] & {
            revokedTokens: number;
        };
        EnvironmentState: {
            currentVersion: number | null;
            lastDeploymentId: string | null;
            name: string;
            previousVersion: number | null;
        };
        Event: {
            actor?: string;
            at: string;
            data: {
                contentHash: string;
                specId: string;
                state: string;
                version: number;
                warnings: number;
            };
            deploymentId?: string;
            environment?: string;
            id: string;
            seq?: number;
            specId?: string;
            stream?: string;
            /** @enum {string} */
            type: "spec.version_registered";
        } | {
            actor?: string;
            at: string;
            data: {
                from: string;
                specId: string;
                to: string;
                version: number;
            };
            deploymentId?: string;
            environment?: string;
            id: string;
            seq?: number;
            specId?: string;
            stream?: string;
            /** @enum {string} */
            type: "spec.version_state_changed";
        } | {
            actor?: string;
            at: string;
            data: {
                changedEnvironments: string[];
                environments: {
                    [key: string]: unknown;
                };
                previousRevision: number;
                revision: number;
            };
            deploymentId?: string;
            environment?: string;
            id: string;
            seq?: number;
            specId?: string;
            stream?: string;
            /** @enum {string} */
            type: "policy.changed";
        } | {
            actor?: string;
            at: string;
            data: {
                alias?: string;
                allowPrivateNetwork?: boolean;
                environments?: string[];
                functionName?: string;
                name: string;
                origin?: string;
                region?: string;
                revision: number;
                specs: string[];
                /** @enum {string} */
                type: "webhook" | "lambda-alias";
            };
            deploymentId?: string;
            environment?: string;
            id: string;
            seq?: number;
            specId?: string;
            stream?: string;
            /** @enum {string} */
            type: "target.registered";
        } | {
            actor?: string;
            at: string;
            data: {
                alias?: string;
                allowPrivateNetwork?: boolean;
                changed: string[];
                environments?: string[];
                functionName?: string;
                name: string;
                origin?: string;
                previousRevision: number;
                region?: string;
                revision: number;
                specs: string[];
                /** @enum {string} */
                type: "webhook" | "lambda-alias";
            };
            deploymentId?: string;
            environment?: string;
            id: string;
            seq?: number;
            specId?: string;
            stream?: string;
            /** @enum {string} */
            type: "target.changed";
        } | {
            actor?: string;
            at: string;
            data: {
                name: string;
                revision: number;
                type: string;
            };
            deploymentId?: string;
            environment?: string;
            id: string;
            seq?: number;
            specId?: string;
            stream?: string;
            /** @enum {string} */
            type: "target.removed";
        } | {
            actor?: string;
            at: string;
            data: {
                forced?: boolean;
                minDurationSeconds?: number;
                purpose: string;
                reason?: string;
                rollbackOf?: string;
                stableVersion?: number | null;
                strategy: string;
                version: number;
            };
            deploymentId?: string;
            environment?: string;
            id: string;
            seq?: number;
            specId?: string;
            stream?: string;
            /** @enum {string} */
            type: "deployment.created";
        } | {
            actor?: string;
            at: string;
            data: {
                executionId: string;
                mode: string;
            };
            deploymentId?: string;
            environment?: string;
            id: string;
            seq?: number;
            specId?: string;
            stream?: string;
            /** @enum {string} */
            type: "deployment.execution_started";
        } | {
            actor?: string;
            at: string;
            data: {
                steps: number;
            };
            deploymentId?: string;
            environment?: string;
            id: string;
            seq?: number;
            specId?: string;
            stream?: string;
            /** @enum {string} */
            type: "deployment.started";
        } | {
            actor?: string;
            at: string;
            data: {
                kind: string;
                step: number;
            };
            deploymentId?: string;
            environment?: string;
            id: string;
            seq?: number;
            specId?: string;
            stream?: string;
            /** @enum {string} */
            type: "deployment.step_started";
        } | {
            actor?: string;
            at: string;
            data: {
                attempts?: number;
                check?: string;
                from?: number | null;
                kind: string;
                seconds?: number;
                step: number;
                to?: number;
                weights?: {
                    candidate: number;
                    stable: number;
                };
            };
            deploymentId?: string;
            environment?: string;
            id: string;
            seq?: number;
            specId?: string;
            stream?: string;
            /** @enum {string} */
            type: "deployment.step_completed";
        } | {
            actor?: string;
            at: string;
            data: {
                kind: string;
                step: number;
            };
            deploymentId?: string;
            environment?: string;
            id: string;
            seq?: number;
            specId?: string;
            stream?: string;
            /** @enum {string} */
            type: "deployment.step_not_applied";
        } | {
            actor?: string;
            at: string;
            data: {
                code: string;
                message: string;
                step?: number;
            };
            deploymentId?: string;
            environment?: string;
            id: string;
            seq?: number;
            specId?: string;
            stream?: string;
            /** @enum {string} */
            type: "deployment.step_failed";
        } | {
            actor?: string;
            at: string;
            data: {
                attempt: number;
                retries: number;
                step: number;
            };
            deploymentId?: string;
            environment?: string;
            id: string;
            seq?: number;
            specId?: string;
            stream?: string;
            /** @enum {string} */
            type: "deployment.health_check_failed";
        } | {
            actor?: string;
            at: string;
            data: {
                at: string;
                errorRate: number;
                failedChecks: number;
                latencyP99Ms: number;
                passed: boolean;
                step: number;
                threshold: number;
                weight: number;
            };
            deploymentId?: string;
            environment?: string;
            id: string;
            seq?: number;
            specId?: string;
            stream?: string;
            /** @enum {string} */
            type: "deployment.analysis_completed";
        } | {
            actor?: string;
            at: string;
            data: {
                approvers: {
                    roles: string[];
                    subject: string;
                }[];
                expiresAt: string;
                gate: number;
                links: number;
                requiredRoles: string[];
                rolesWithoutApprovers: string[];
            };
            deploymentId?: string;
            environment?: string;
            id: string;
            seq?: number;
            specId?: string;
            stream?: string;
            /** @enum {string} */
            type: "deployment.approval_requested";
        } | {
            actor?: string;
            at: string;
            data: {
                attempts: number;
                gate: number;
                links: number;
            };
            deploymentId?: string;
            environment?: string;
            id: string;
            seq?: number;
            specId?: string;
            stream?: string;
            /** @enum {string} */
            type: "deployment.approval_links_delivered";
        } | {
            actor?: string;
            at: string;
            data: {
                attempts?: number;
                error: string;
                gate: number;
                links: number;
            };
            deploymentId?: string;
            environment?: string;
            id: string;
            seq?: number;
            specId?: string;
            stream?: string;
            /** @enum {string} */
            type: "deployment.approval_links_undelivered";
        } | {
            actor?: string;
            at: string;
            data: {
                gate?: number;
            };
            deploymentId?: string;
            environment?: string;
            id: string;
            seq?: number;
            specId?: string;
            stream?: string;
            /** @enum {string} */
            type: "deployment.gate_reopened";
        } | {
            actor?: string;
            at: string;
            data: {
                at: string;
                comment?: string;
                /** @enum {string} */
                decision: "approve" | "reject";
                gate: number;
                role: string | null;
                subject: string;
                /** @enum {string} */
                via: "api" | "link" | "slack";
            };
            deploymentId?: string;
            environment?: string;
            id: string;
            seq?: number;
            specId?: string;
            stream?: string;
            /** @enum {string} */
            type: "deployment.approval_recorded";
        } | {
            actor?: string;
            at: string;
            data: {
                approvedRoles: string[];
                by: string;
                comment?: string;
                /** @enum {string} */
                decision: "approved" | "rejected";
                gate: number;
                /** @enum {string} */
                via: "api" | "link" | "slack";
            };
            deploymentId?: string;
            environment?: string;
            id: string;
            seq?: number;
            specId?: string;
            stream?: string;
            /** @enum {string} */
            type: "deployment.approval_decided";
        } | {
            actor?: string;
            at: string;
            data: {
                approvedRoles: string[];
                gate: number;
            };
            deploymentId?: string;
            environment?: string;
            id: string;
            seq?: number;
            specId?: string;
            stream?: string;
            /** @enum {string} */
            type: "deployment.approved";
        } | {
            actor?: string;
            at: string;
            data: {
                comment?: string;
                gate: number;
            };
            deploymentId?: string;
            environment?: string;
            id: string;
            seq?: number;
            specId?: string;
            stream?: string;
            /** @enum {string} */
            type: "deployment.rejected";
        } | {
            actor?: string;
            at: string;
            data: {
                previousVersion?: number | null;
                version: number;
            };
            deploymentId?: string;
            environment?: string;
            id: string;
            seq?: number;
            specId?: string;
            stream?: string;
            /** @enum {string} */
            type: "deployment.succeeded";
        } | {
            actor?: string;
            at: string;
            data: {
                reason?: string;
                step: number;
            };
            deploymentId?: string;
            environment?: string;
            id: string;
            seq?: number;
            specId?: string;
            stream?: string;
            /** @enum {string} */
            type: "deployment.abort_requested";
        } | {
            actor?: string;
            at: string;
            data: {
                reason?: string;
                step: number;
            };
            deploymentId?: string;
            environment?: string;
            id: string;
            seq?: number;
            specId?: string;
            stream?: string;
            /** @enum {string} */
            type: "deployment.rollback_requested";
        } | {
            actor?: string;
            at: string;
            data: {
                failure: {
                    code: string;
                    message: string;
                    step?: number;
                };
            };
            deploymentId?: string;
            environment?: string;
            id: string;
            seq?: number;
            specId?: string;
            stream?: string;
            /** @enum {string} */
            type: "deployment.rollback_started";
        } | {
            actor?: string;
            at: string;
            data: {
                pendingCompensations: string[];
            };
            deploymentId?: string;
            environment?: string;
            id: string;
            seq?: number;
            specId?: string;
            stream?: string;
            /** @enum {string} */
            type: "deployment.rollback_retried";
        } | {
            actor?: string;
            at: string;
            data: {
                pendingCompensations: string[];
                reason?: string;
            };
            deploymentId?: string;
            environment?: string;
            id: string;
            seq?: number;
            specId?: string;
            stream?: string;
            /** @enum {string} */
            type: "deployment.rollback_resolved";
        } | {
            actor?: string;
            at: string;
            data: {
                kind?: string;
                step?: number;
            };
            deploymentId?: string;
            environment?: string;
            id: string;
            seq?: number;
            specId?: string;
            stream?: string;
            /** @enum {string} */
            type: "deployment.compensation_registered";
        } | {
            actor?: string;
            at: string;
            data: {
                kind: string;
                step?: number;
                weights?: {
                    candidate: number;
                    stable: number;
                };
            };
            deploymentId?: string;
            environment?: string;
            id: string;
            seq?: number;
            specId?: string;
            stream?: string;
            /** @enum {string} */
            type: "deployment.compensation_completed";
        } | {
            actor?: string;
            at: string;
            data: {
                error: string;
                kind: string;
            };
            deploymentId?: string;
            environment?: string;
            id: string;
            seq?: number;
            specId?: string;
            stream?: string;
            /** @enum {string} */
            type: "deployment.compensation_failed";
        } | {
            actor?: string;
            at: string;
            data: {
                failure?: {
                    code: string;
                    message: string;
                    step?: number;
                };
                weights?: {
                    candidate: number;
                    stable: number;
                };
            };
            deploymentId?: string;
            environment?: string;
            id: string;
            seq?: number;
            specId?: string;
            stream?: string;
            /** @enum {string} */
            type: "deployment.rolled_back";
        } | {
            actor?: string;
            at: string;
            data: {
                failure?: {
                    code: string;
                    message: string;
                    step?: number;
                };
                weights?: {
                    candidate: number;
                    stable: number;
                };
            };
            deploymentId?: string;
            environment?: string;
            id: string;
            seq?: number;
            specId?: string;
            stream?: string;
            /** @enum {string} */
            type: "deployment.aborted";
        } | {
            actor?: string;
            at: string;
            data: {
                lockHeld: boolean;
                pendingCompensations: string[];
                rollbackError: string;
            };
            deploymentId?: string;
            environment?: string;
            id: string;
            seq?: number;
            specId?: string;
            stream?: string;
            /** @enum {string} */
            type: "deployment.rollback_failed";
        } | {
            actor?: string;
            at: string;
            data: {
                error: string;
                pending: boolean;
                version?: number | null;
            };
            deploymentId?: string;
            environment?: string;
            id: string;
            seq?: number;
            specId?: string;
            stream?: string;
            /** @enum {string} */
            type: "deployment.retire_failed";
        } | {
            actor?: string;
            at: string;
            data: {
                replacedBy?: number;
                version: number;
            };
            deploymentId?: string;
            environment?: string;
            id: string;
            seq?: number;
            specId?: string;
            stream?: string;
            /** @enum {string} */
            type: "deployment.retirement_completed";
        };
        FieldIssue: {
            column?: number;
            line?: number;
            message: string;
            path: string;
        };
        Health: {
            /** @description Empty when the server has no database probe */
            checks: {
                storage?: components["schemas"]["StorageCheck"];
            };
            /** @enum {string} */
            status: "ok" | "unavailable";
        };
        IssuedToken: components["schemas"]["Token"] & {
            token: string;
        };
        /** @enum {string} */
        LifecycleState: "active" | "deprecated" | "disabled";
        Me: {
            credential: {
                expiresAt?: string;
                id: string;
                /** @enum {string} */
                kind: "bearer" | "slack" | "session";
            };
            principal: components["schemas"]["Principal"];
            roles: string[];
            scopes: components["schemas"]["Scope"][];
        };
        Plan: {
            environment: string;
            environmentPath: string[];
            minDurationSeconds: number;
            /** @enum {string} */
            purpose: "deploy" | "rollback";
            /** @description Every setting with where it came from: a spec path, `default`, `request`, `policy` (the platform policy's floor), `rollback`, or two joined by ` + ` (approver roles from the spec and the policy). */
            settings: {
                [key: string]: {
                    /** @example deployment.analysis.interval */
                    source: string;
                    value?: unknown;
                };
            };
            specId: string;
            steps: components["schemas"]["PlanStep"][];
            /** @enum {string} */
            strategy: "blue_green" | "canary" | "rolling";
            version: number;
            weights: number[];
        };
        PlanStep: {
            /** @description validate */
            check?: string;
            /** @description approval: the gate's number */
            gate?: number;
            index: number;
            /** @description health_check */
            intervalSeconds?: number;
            /** @enum {string} */
            kind: "prepare" | "health_check" | "validate" | "approval" | "shift" | "bake" | "analysis" | "promote" | "finalize";
            /** @description analysis */
            recheckAfterSeconds?: number;
            /** @description approval */
            requiredRoles?: string[];
            /** @description health_check */
            retries?: number;
            /** @description bake */
            seconds?: number;
            /** @description approval */
            timeoutSeconds?: number;
            /** @description shift */
            weight?: number;
            /** @description analysis */
            windowSeconds?: number;
        };
        Policy: {
            environments: {
                [key: string]: {
                    after?: string[];
                    approvers?: string[];
                    autoDeploy?: boolean;
                    requiresApproval?: boolean;
                    slackChannel?: string;
                    strategies?: ("blue_green" | "canary" | "rolling")[];
                };
            };
            /** @description 0 until a policy is first set; +1 per change. Also the ETag. */
            revision: number;
            updatedAt: string | null;
            updatedBy: string | null;
        };
        Principal: {
            createdAt: string;
            disabled: boolean;
            displayName?: string;
            email?: string;
            roles: string[];
            subject: string;
            updatedAt: string;
            updatedBy: string;
        };
        PrincipalPage: {
            items: components["schemas"]["Principal"][];
            nextCursor: string | null;
        };
        /** @description RFC 9457 problem details with a stable `code`; other members carry the error's context */
        Problem: {
            /** @example SPEC_INVALID */
            code: string;
            detail: string;
            errors?: components["schemas"]["FieldIssue"][];
            instance?: string;
            status: number;
            title: string;
            type: string;
        } & {
            [key: string]: unknown;
        };
        PutTargetResponse: {
            /** @description The webhook signing secret (`whsec_…`): shown once, when the target is created or a new secret had to be generated. */
            secret?: string;
            target: {
                allowPrivateNetwork: boolean;
                createdAt: string;
                createdBy: string;
                description?: string;
                environments?: string[];
                name: string;
                revision: number;
                specs: string[];
                /** @enum {string} */
                type: "webhook";
                updatedAt: string;
                updatedBy: string;
                url: string;
            } | {
                alias: string;
                createdAt: string;
                createdBy: string;
                description?: string;
                environments?: string[];
                functionName: string;
                name: string;
                region?: string;
                revision: number;
                specs: string[];
                /** @enum {string} */
                type: "lambda-alias";
                updatedAt: string;
                updatedBy: string;
            };
        };
        RegisterResponse: components["schemas"]["SpecVersionSummary"] & {
            /** @description Set when an environment with auto_deploy started a deployment. When it asked and nothing was deployed (no `deploy` scope, the policy forbids it, a rollout in flight), a warning on `environments.<env>.auto_deploy` says why. */
            deploymentId?: string;
        };
        Rollback: components["schemas"]["Deployment"] & {
            /**
             * @description stopped: it was in flight; new_deployment: a new deployment restores the previous version; compensation_retried: it had ended rollback_failed
             * @enum {string}
             */
            rollbackMode: "stopped" | "new_deployment" | "compensation_retried";
        };
        /** @enum {string} */
        Scope: "specs:read" | "specs:write" | "deploy" | "approve" | "rollback" | "admin";
        SlackUserLink: {
            createdAt: string;
            scopes: ("specs:read" | "approve" | "rollback" | "deploy")[];
            slackUserId: string;
            subject: string;
            updatedAt: string;
            updatedBy: string;
        };
        SpecDetail: components["schemas"]["SpecSummary"] & {
            environments: components["schemas"]["EnvironmentState"][];
        };
        SpecDiff: {
            from: number;
            patch: {
                from?: string;
                op: string;
                path: string;
                value?: unknown;
            }[];
            rolloutChanges: {
                from?: unknown;
                /**
                 * @description The change lowers a guardrail: approval removed, an approver role dropped, the promotion order changed
                 * @enum {boolean}
                 */
                loosens?: true;
                op: string;
                path: string;
                to?: unknown;
                why?: string;
            }[];
            specId: string;
            summary: string[];
            to: number;
        };
        SpecPage: {
            items: components["schemas"]["SpecSummary"][];
            nextCursor: string | null;
        };
        SpecSummary: {
            createdAt: string;
            latestVersion: number;
            name: string;
            specId: string;
            updatedAt: string;
        };
        SpecVersion: components["schemas"]["SpecVersionSummary"] & {
            document: {
                [key: string]: unknown;
            };
        };
        SpecVersionPage: {
            items: components["schemas"]["SpecVersionSummary"][];
            nextCursor: string | null;
        };
        SpecVersionSummary: {
            contentHash: string;
            createdAt: string;
            createdBy: string;
            /** @enum {string} */
            format: "yaml" | "json";
            specId: string;
            state: components["schemas"]["LifecycleState"];
            updatedAt?: string;
            updatedBy?: string;
            version: number;
            warnings: components["schemas"]["FieldIssue"][];
        };
        StopReason: {
            reason?: string;
        };
        StorageCheck: {
            checkedAt: string;
            latencyMs?: number;
            /** @enum {string} */
            status: "ok" | "unavailable";
        };
        TargetPage: {
            items: ({
                allowPrivateNetwork: boolean;
                createdAt: string;
                createdBy: string;
                description?: string;
                environments?: string[];
                name: string;
                revision: number;
                specs: string[];
                /** @enum {string} */
                type: "webhook";
                updatedAt: string;
                updatedBy: string;
                url: string;
            } | {
                alias: string;
                createdAt: string;
                createdBy: string;
                description?: string;
                environments?: string[];
                functionName: string;
                name: string;
                region?: string;
                revision: number;
                specs: string[];
                /** @enum {string} */
                type: "lambda-alias";
                updatedAt: string;
                updatedBy: string;
            })[];
            nextCursor: string | null;
        };
        Token: {
            createdAt: string;
            createdBy: string;
            expiresAt?: string;
            id: string;
            roles: string[];
            scopes: components["schemas"]["Scope"][];
            subject: string;
        };
        TokenPage: {
            items: components["schemas"]["Token"][];
            nextCursor: string | null;
        };
        ValidationResult: {
            contentHash: string;
            specId: string;
            /** @enum {boolean} */
            valid: true;
            warnings: components["schemas"]["FieldIssue"][];
        };
        Vote: {
            at: string;
            comment?: string;
            /** @enum {string} */
            decision: "approve" | "reject";
            role: string | null;
            subject: string;
            /**
             * @description api: a credential of the principal (a token or a dashboard session); link: the principal's own approval link; slack: a linked Slack user's button or command
             * @enum {string}
             */
            via: "api" | "link" | "slack";
        };
        VoteOutcome: {
            deploymentId: string;
            gate: components["schemas"]["ApprovalGate"];
            /**
             * @description approved: the quorum is met and the rollout continues; rejected: it rolls back
             * @enum {string}
             */
            outcome: "recorded" | "approved" | "rejected";
            /** @enum {string} */
            status: "pending" | "in_progress" | "awaiting_approval" | "rolling_back" | "succeeded" | "rolled_back" | "rollback_failed" | "aborted";
            vote: components["schemas"]["Vote"];
        };
        Webhook: {
            allowPrivateNetwork: boolean;
            createdAt: string;
            createdBy: string;
            description?: string;
            disabledReason?: string;
            events: string[];
            id: string;
            /** @enum {string} */
            status: "active" | "disabled";
            url: string;
        };
        WebhookDelivery: {
            attempts: number;
            createdAt: string;
            deliveredAt: string | null;
            eventId: string;
            eventType: string;
            id: string;
            lastAttemptAt: string | null;
            lastError: {
                code: string;
                message: string;
            } | null;
            lastStatus: number | null;
            nextAttemptAt: string | null;
            /** @enum {string} */
            status: "pending" | "delivered" | "failed";
            webhookId: string;
        };
        WebhookDeliveryPage: {
            items: components["schemas"]["WebhookDelivery"][];
            nextCursor: string | null;
        };
        WebhookPage: {
            items: components["schemas"]["Webhook"][];
            nextCursor: string | null;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: {
        /** @description Strong entity tag of the representation */
        ETag: string;
        /** @description `true`: this is the stored response of an earlier request with the same `Idempotency-Key` */
        IdempotentReplayed: "true";
        /** @description The URL of the resource the request created */
        Location: string;
        /** @description The request's id (the caller's `x-request-id` if it sent one): quote it when reporting a problem */
        RequestId: string;
        /** @description Seconds to wait before trying again */
        RetryAfter: number;
        /** @description The scheme to authenticate with: `Bearer realm="rollgate"` */
        WWWAuthenticate: string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    viewApprovalLink: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The link's secret (never logged) */
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The page */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "APPROVAL_LINK_NOT_FOUND";
                    };
                };
            };
            /** @description A bug on the server; quote the request id */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INTERNAL";
                    };
                };
            };
            /** @description A passing condition (e.g. `STORAGE_UNAVAILABLE`: the database does not answer): retry after `Retry-After` seconds */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "STORAGE_UNAVAILABLE";
                    };
                };
            };
        };
    };
    decideByApprovalLink: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The link's secret (never logged) */
                token: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    comment?: string;
                    /** @enum {string} */
                    decision: "approve" | "reject";
                };
                "application/x-www-form-urlencoded": {
                    comment?: string;
                    /** @enum {string} */
                    decision: "approve" | "reject";
                };
                "multipart/form-data": {
                    comment?: string;
                    /** @enum {string} */
                    decision: "approve" | "reject";
                };
            };
        };
        responses: {
            /** @description Recorded */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApprovalLinkView"];
                    "text/html": string;
                };
            };
            /** @description The body cannot be read (a field twice, a file, malformed JSON) */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "BAD_REQUEST";
                    };
                };
            };
            /** @description Cross-site, or the link was revoked, or the approver may not decide (role, own deployment) */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "APPROVAL_LINK_REVOKED" | "CROSS_SITE_REQUEST" | "ROLE_NOT_REQUIRED" | "SELF_APPROVAL";
                    };
                    "text/html": string;
                };
            };
            /** @description Not a valid link */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "APPROVAL_LINK_NOT_FOUND";
                    };
                };
            };
            /** @description The link has expired, the gate is closed, or this approver has decided already */
            409: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "ALREADY_VOTED" | "APPROVAL_LINK_EXPIRED" | "DEPLOYMENT_CONFLICT" | "DEPLOYMENT_FINISHED" | "DEPLOYMENT_NOT_RUNNABLE" | "GATE_EXPIRED" | "NOT_AWAITING_APPROVAL" | "TASK_TIMED_OUT" | "TASK_TOKEN_INVALID";
                    };
                    "text/html": string;
                };
            };
            /** @description The body is over the size limit (256 KiB by default) */
            413: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "BODY_TOO_LARGE";
                    };
                };
            };
            /** @description The body's Content-Type is not one the operation accepts */
            415: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNSUPPORTED_MEDIA_TYPE";
                    };
                };
            };
            /** @description The body parses but breaks the schema or a rule; `errors` names the fields */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "REQUEST_INVALID";
                    };
                };
            };
            /** @description A bug on the server; quote the request id */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INTERNAL";
                    };
                };
            };
            /** @description A passing condition (e.g. `STORAGE_UNAVAILABLE`: the database does not answer): retry after `Retry-After` seconds */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "STORAGE_UNAVAILABLE" | "WORKFLOW_UNAVAILABLE";
                    };
                };
            };
        };
    };
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Serving */
            200: {
                headers: {
                    /** @description `no-store` */
                    "Cache-Control"?: string;
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            /** @description A bug on the server; quote the request id */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INTERNAL";
                    };
                };
            };
            /** @description The database does not answer */
            503: {
                headers: {
                    /** @description `no-store` */
                    "Cache-Control"?: string;
                    "Retry-After": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
        };
    };
    getOpenApiDocument: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The OpenAPI document */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description A bug on the server; quote the request id */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INTERNAL";
                    };
                };
            };
        };
    };
    listDeployments: {
        parameters: {
            query?: {
                cursor?: string;
                environment?: string;
                limit?: number;
                specId?: string;
                status?: "pending" | "in_progress" | "awaiting_approval" | "rolling_back" | "succeeded" | "rolled_back" | "rollback_failed" | "aborted";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of deployment summaries */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["DeploymentSummary"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description The request cannot be read (malformed JSON, a bad parameter or header); `errors` names the fields */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INVALID_CURSOR" | "REQUEST_INVALID";
                    };
                };
            };
            /** @description No valid credential: send `Authorization: Bearer <token>` */
            401: {
                headers: {
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description The credential lacks the scope or role this needs */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description A bug on the server; quote the request id */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INTERNAL";
                    };
                };
            };
            /** @description A passing condition (e.g. `STORAGE_UNAVAILABLE`: the database does not answer): retry after `Retry-After` seconds */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "STORAGE_UNAVAILABLE";
                    };
                };
            };
        };
    };
    createDeployment: {
        parameters: {
            query?: {
                dryRun?: "true" | "false";
            };
            header?: {
                /** @description 1 to 255 visible ASCII characters. The same key and request replay the first response (with `Idempotent-Replayed: true`); the same key with another request is a 422. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateDeployment"];
            };
        };
        responses: {
            /** @description Dry run: the plan, and the warnings a deployment would carry */
            200: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        plan: components["schemas"]["Plan"];
                        warnings: components["schemas"]["FieldIssue"][];
                    };
                };
            };
            /** @description Started */
            202: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Deployment"];
                };
            };
            /** @description The request cannot be read (malformed JSON, a bad parameter or header); `errors` names the fields */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "MALFORMED_JSON" | "REQUEST_INVALID";
                    };
                };
            };
            /** @description No valid credential: send `Authorization: Bearer <token>` */
            401: {
                headers: {
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description The credential lacks the scope or role this needs */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN" | "FORCE_REQUIRES_ADMIN";
                    };
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "SPEC_NOT_FOUND" | "SPEC_VERSION_NOT_FOUND";
                    };
                };
            };
            /** @description The request conflicts with the resource's state (`code` says how) */
            409: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "DEPLOYMENT_CONFLICT" | "IDEMPOTENCY_IN_PROGRESS" | "LOCK_HELD" | "PROMOTION_PATH" | "VERSION_ALREADY_CURRENT" | "VERSION_DISABLED";
                    };
                };
            };
            /** @description The body is over the size limit (256 KiB by default) */
            413: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "BODY_TOO_LARGE";
                    };
                };
            };
            /** @description The body's Content-Type is not one the operation accepts */
            415: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNSUPPORTED_MEDIA_TYPE";
                    };
                };
            };
            /** @description The body parses but breaks the schema or a rule; `errors` names the fields */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "IDEMPOTENCY_KEY_REUSED" | "INVALID_DEPLOYMENT_REQUEST" | "INVALID_ROLLOUT_SETTINGS" | "POLICY_VIOLATION" | "REQUEST_INVALID" | "TARGET_NOT_ALLOWED" | "TARGET_NOT_FOUND" | "UNKNOWN_ENVIRONMENT";
                    };
                };
            };
            /** @description A bug on the server; quote the request id */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INTERNAL";
                    };
                };
            };
            /** @description A passing condition (e.g. `STORAGE_UNAVAILABLE`: the database does not answer): retry after `Retry-After` seconds */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "ORCHESTRATOR_UNAVAILABLE" | "STORAGE_UNAVAILABLE";
                    };
                };
            };
        };
    };
    getDeployment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The deployment */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Deployment"];
                };
            };
            /** @description The request cannot be read (malformed JSON, a bad parameter or header); `errors` names the fields */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "REQUEST_INVALID";
                    };
                };
            };
            /** @description No valid credential: send `Authorization: Bearer <token>` */
            401: {
                headers: {
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description The credential lacks the scope or role this needs */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "DEPLOYMENT_NOT_FOUND";
                    };
                };
            };
            /** @description A bug on the server; quote the request id */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INTERNAL";
                    };
                };
            };
            /** @description A passing condition (e.g. `STORAGE_UNAVAILABLE`: the database does not answer): retry after `Retry-After` seconds */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "STORAGE_UNAVAILABLE";
                    };
                };
            };
        };
    };
    abortDeployment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        /** @description Optional: `{reason}`, recorded with the stop */
        requestBody?: {
            content: {
                "application/json": components["schemas"]["StopReason"];
            };
        };
        responses: {
            /** @description Aborting */
            202: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Deployment"];
                };
            };
            /** @description The request cannot be read (malformed JSON, a bad parameter or header); `errors` names the fields */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "MALFORMED_JSON" | "REQUEST_INVALID";
                    };
                };
            };
            /** @description No valid credential: send `Authorization: Bearer <token>` */
            401: {
                headers: {
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description The credential lacks the scope or role this needs */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "DEPLOYMENT_NOT_FOUND";
                    };
                };
            };
            /** @description The request conflicts with the resource's state (`code` says how) */
            409: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "DEPLOYMENT_CONFLICT" | "DEPLOYMENT_FINISHED";
                    };
                };
            };
            /** @description The body is over the size limit (256 KiB by default) */
            413: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "BODY_TOO_LARGE";
                    };
                };
            };
            /** @description The body's Content-Type is not one the operation accepts */
            415: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNSUPPORTED_MEDIA_TYPE";
                    };
                };
            };
            /** @description The body parses but breaks the schema or a rule; `errors` names the fields */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "REQUEST_INVALID";
                    };
                };
            };
            /** @description A bug on the server; quote the request id */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INTERNAL";
                    };
                };
            };
            /** @description A passing condition (e.g. `STORAGE_UNAVAILABLE`: the database does not answer): retry after `Retry-After` seconds */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "ORCHESTRATOR_UNAVAILABLE" | "STORAGE_UNAVAILABLE" | "WORKFLOW_UNAVAILABLE";
                    };
                };
            };
        };
    };
    decideApproval: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    comment?: string;
                    /** @enum {string} */
                    decision: "approve" | "reject";
                };
            };
        };
        responses: {
            /** @description Recorded; `outcome` says whether the gate is now approved or rejected */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VoteOutcome"];
                };
            };
            /** @description The request cannot be read (malformed JSON, a bad parameter or header); `errors` names the fields */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "MALFORMED_JSON" | "REQUEST_INVALID";
                    };
                };
            };
            /** @description No valid credential: send `Authorization: Bearer <token>` */
            401: {
                headers: {
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description The credential lacks the scope or role this needs */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN" | "ROLE_NOT_REQUIRED" | "SELF_APPROVAL";
                    };
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "DEPLOYMENT_NOT_FOUND";
                    };
                };
            };
            /** @description The request conflicts with the resource's state (`code` says how) */
            409: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "ALREADY_VOTED" | "DEPLOYMENT_CONFLICT" | "DEPLOYMENT_FINISHED" | "DEPLOYMENT_NOT_RUNNABLE" | "GATE_EXPIRED" | "NOT_AWAITING_APPROVAL" | "TASK_TIMED_OUT" | "TASK_TOKEN_INVALID";
                    };
                };
            };
            /** @description The body is over the size limit (256 KiB by default) */
            413: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "BODY_TOO_LARGE";
                    };
                };
            };
            /** @description The body's Content-Type is not one the operation accepts */
            415: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNSUPPORTED_MEDIA_TYPE";
                    };
                };
            };
            /** @description The body parses but breaks the schema or a rule; `errors` names the fields */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "REQUEST_INVALID";
                    };
                };
            };
            /** @description A bug on the server; quote the request id */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INTERNAL";
                    };
                };
            };
            /** @description A passing condition (e.g. `STORAGE_UNAVAILABLE`: the database does not answer): retry after `Retry-After` seconds */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "STORAGE_UNAVAILABLE" | "WORKFLOW_UNAVAILABLE";
                    };
                };
            };
        };
    };
    listDeploymentEvents: {
        parameters: {
            query?: {
                /** @description A sequence number: only later events are returned (0: from the start) */
                after?: number | null;
                limit?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of events */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeploymentEventPage"];
                };
            };
            /** @description The request cannot be read (malformed JSON, a bad parameter or header); `errors` names the fields */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "REQUEST_INVALID";
                    };
                };
            };
            /** @description No valid credential: send `Authorization: Bearer <token>` */
            401: {
                headers: {
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description The credential lacks the scope or role this needs */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "DEPLOYMENT_NOT_FOUND";
                    };
                };
            };
            /** @description A bug on the server; quote the request id */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INTERNAL";
                    };
                };
            };
            /** @description A passing condition (e.g. `STORAGE_UNAVAILABLE`: the database does not answer): retry after `Retry-After` seconds */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "STORAGE_UNAVAILABLE";
                    };
                };
            };
        };
    };
    resolveDeployment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reason: string;
                };
            };
        };
        responses: {
            /** @description Resolved */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Deployment"];
                };
            };
            /** @description The request cannot be read (malformed JSON, a bad parameter or header); `errors` names the fields */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "MALFORMED_JSON" | "REQUEST_INVALID";
                    };
                };
            };
            /** @description No valid credential: send `Authorization: Bearer <token>` */
            401: {
                headers: {
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description The credential lacks the scope or role this needs */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "DEPLOYMENT_NOT_FOUND";
                    };
                };
            };
            /** @description The request conflicts with the resource's state (`code` says how) */
            409: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "DEPLOYMENT_CONFLICT" | "DEPLOYMENT_FINISHED";
                    };
                };
            };
            /** @description The body is over the size limit (256 KiB by default) */
            413: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "BODY_TOO_LARGE";
                    };
                };
            };
            /** @description The body's Content-Type is not one the operation accepts */
            415: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNSUPPORTED_MEDIA_TYPE";
                    };
                };
            };
            /** @description The body parses but breaks the schema or a rule; `errors` names the fields */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "REQUEST_INVALID";
                    };
                };
            };
            /** @description A bug on the server; quote the request id */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INTERNAL";
                    };
                };
            };
            /** @description A passing condition (e.g. `STORAGE_UNAVAILABLE`: the database does not answer): retry after `Retry-After` seconds */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "STORAGE_UNAVAILABLE";
                    };
                };
            };
        };
    };
    rollbackDeployment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        /** @description Optional: `{reason}`, recorded with the stop */
        requestBody?: {
            content: {
                "application/json": components["schemas"]["StopReason"];
            };
        };
        responses: {
            /** @description Rolling back */
            202: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Rollback"];
                };
            };
            /** @description The request cannot be read (malformed JSON, a bad parameter or header); `errors` names the fields */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "MALFORMED_JSON" | "REQUEST_INVALID";
                    };
                };
            };
            /** @description No valid credential: send `Authorization: Bearer <token>` */
            401: {
                headers: {
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description The credential lacks the scope or role this needs */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "DEPLOYMENT_NOT_FOUND" | "SPEC_VERSION_NOT_FOUND";
                    };
                };
            };
            /** @description The request conflicts with the resource's state (`code` says how) */
            409: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "DEPLOYMENT_CONFLICT" | "DEPLOYMENT_FINISHED" | "DEPLOYMENT_SUPERSEDED" | "LOCK_HELD" | "NO_PREVIOUS_VERSION" | "VERSION_ALREADY_CURRENT" | "VERSION_DISABLED";
                    };
                };
            };
            /** @description The body is over the size limit (256 KiB by default) */
            413: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "BODY_TOO_LARGE";
                    };
                };
            };
            /** @description The body's Content-Type is not one the operation accepts */
            415: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNSUPPORTED_MEDIA_TYPE";
                    };
                };
            };
            /** @description The body parses but breaks the schema or a rule; `errors` names the fields */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INVALID_ROLLOUT_SETTINGS" | "REQUEST_INVALID" | "TARGET_NOT_ALLOWED" | "TARGET_NOT_FOUND" | "UNKNOWN_ENVIRONMENT";
                    };
                };
            };
            /** @description A bug on the server; quote the request id */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INTERNAL";
                    };
                };
            };
            /** @description A passing condition (e.g. `STORAGE_UNAVAILABLE`: the database does not answer): retry after `Retry-After` seconds */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "ORCHESTRATOR_UNAVAILABLE" | "STORAGE_UNAVAILABLE" | "WORKFLOW_UNAVAILABLE";
                    };
                };
            };
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The caller */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Me"];
                };
            };
            /** @description No valid credential: send `Authorization: Bearer <token>` */
            401: {
                headers: {
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description A bug on the server; quote the request id */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INTERNAL";
                    };
                };
            };
            /** @description A passing condition (e.g. `STORAGE_UNAVAILABLE`: the database does not answer): retry after `Retry-After` seconds */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "STORAGE_UNAVAILABLE";
                    };
                };
            };
        };
    };
    getPolicy: {
        parameters: {
            query?: never;
            header?: {
                /** @description An ETag from an earlier read: 304 while it is current */
                "if-none-match"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The policy */
            200: {
                headers: {
                    /** @description The revision, quoted */
                    ETag?: string;
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Policy"];
                };
            };
            /** @description Unchanged since the ETag given in If-None-Match */
            304: {
                headers: {
                    /** @description The revision, quoted */
                    ETag?: string;
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request cannot be read (malformed JSON, a bad parameter or header); `errors` names the fields */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "REQUEST_INVALID";
                    };
                };
            };
            /** @description No valid credential: send `Authorization: Bearer <token>` */
            401: {
                headers: {
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description The credential lacks the scope or role this needs */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description A bug on the server; quote the request id */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INTERNAL";
                    };
                };
            };
            /** @description A passing condition (e.g. `STORAGE_UNAVAILABLE`: the database does not answer): retry after `Retry-After` seconds */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "STORAGE_UNAVAILABLE";
                    };
                };
            };
        };
    };
    putPolicy: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag of the revision this change is based on */
                "if-match"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    environments: {
                        [key: string]: {
                            after?: string[];
                            approvers?: string[];
                            autoDeploy?: boolean;
                            requiresApproval?: boolean;
                            slackChannel?: string;
                            strategies?: ("blue_green" | "canary" | "rolling")[];
                        };
                    };
                };
            };
        };
        responses: {
            /** @description The policy now in force */
            200: {
                headers: {
                    /** @description The revision, quoted */
                    ETag?: string;
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Policy"];
                };
            };
            /** @description The request cannot be read (malformed JSON, a bad parameter or header); `errors` names the fields */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "MALFORMED_JSON" | "REQUEST_INVALID";
                    };
                };
            };
            /** @description No valid credential: send `Authorization: Bearer <token>` */
            401: {
                headers: {
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description The credential lacks the scope or role this needs */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description `If-Match` does not name the current representation */
            412: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "POLICY_REVISION_MISMATCH";
                    };
                };
            };
            /** @description The body is over the size limit (256 KiB by default) */
            413: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "BODY_TOO_LARGE";
                    };
                };
            };
            /** @description The body's Content-Type is not one the operation accepts */
            415: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNSUPPORTED_MEDIA_TYPE";
                    };
                };
            };
            /** @description The body parses but breaks the schema or a rule; `errors` names the fields */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "POLICY_INVALID" | "REQUEST_INVALID";
                    };
                };
            };
            /** @description A bug on the server; quote the request id */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INTERNAL";
                    };
                };
            };
            /** @description A passing condition (e.g. `STORAGE_UNAVAILABLE`: the database does not answer): retry after `Retry-After` seconds */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "STORAGE_UNAVAILABLE";
                    };
                };
            };
        };
    };
    listPrincipals: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of principals */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PrincipalPage"];
                };
            };
            /** @description The request cannot be read (malformed JSON, a bad parameter or header); `errors` names the fields */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INVALID_CURSOR" | "REQUEST_INVALID";
                    };
                };
            };
            /** @description No valid credential: send `Authorization: Bearer <token>` */
            401: {
                headers: {
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description The credential lacks the scope or role this needs */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description A bug on the server; quote the request id */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INTERNAL";
                    };
                };
            };
            /** @description A passing condition (e.g. `STORAGE_UNAVAILABLE`: the database does not answer): retry after `Retry-After` seconds */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "STORAGE_UNAVAILABLE";
                    };
                };
            };
        };
    };
    getPrincipal: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                subject: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The principal */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Principal"];
                };
            };
            /** @description The request cannot be read (malformed JSON, a bad parameter or header); `errors` names the fields */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "REQUEST_INVALID";
                    };
                };
            };
            /** @description No valid credential: send `Authorization: Bearer <token>` */
            401: {
                headers: {
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description The credential lacks the scope or role this needs */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PRINCIPAL_NOT_FOUND";
                    };
                };
            };
            /** @description The body parses but breaks the schema or a rule; `errors` names the fields */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INVALID_SUBJECT";
                    };
                };
            };
            /** @description A bug on the server; quote the request id */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INTERNAL";
                    };
                };
            };
            /** @description A passing condition (e.g. `STORAGE_UNAVAILABLE`: the database does not answer): retry after `Retry-After` seconds */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "STORAGE_UNAVAILABLE";
                    };
                };
            };
        };
    };
    putPrincipal: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                subject: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @default false */
                    disabled?: boolean;
                    displayName?: string;
                    /** Format: email */
                    email?: string;
                    /** @default [] */
                    roles?: string[];
                };
            };
        };
        responses: {
            /** @description Replaced */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Principal"];
                };
            };
            /** @description Created */
            201: {
                headers: {
                    Location: components["headers"]["Location"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Principal"];
                };
            };
            /** @description The request cannot be read (malformed JSON, a bad parameter or header); `errors` names the fields */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "MALFORMED_JSON" | "REQUEST_INVALID";
                    };
                };
            };
            /** @description No valid credential: send `Authorization: Bearer <token>` */
            401: {
                headers: {
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description The credential lacks the scope or role this needs */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description The request conflicts with the resource's state (`code` says how) */
            409: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PRINCIPAL_CONFLICT";
                    };
                };
            };
            /** @description The body is over the size limit (256 KiB by default) */
            413: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "BODY_TOO_LARGE";
                    };
                };
            };
            /** @description The body's Content-Type is not one the operation accepts */
            415: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNSUPPORTED_MEDIA_TYPE";
                    };
                };
            };
            /** @description The body parses but breaks the schema or a rule; `errors` names the fields */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INVALID_SUBJECT" | "REQUEST_INVALID";
                    };
                };
            };
            /** @description A bug on the server; quote the request id */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INTERNAL";
                    };
                };
            };
            /** @description A passing condition (e.g. `STORAGE_UNAVAILABLE`: the database does not answer): retry after `Retry-After` seconds */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "STORAGE_UNAVAILABLE";
                    };
                };
            };
        };
    };
    disablePrincipal: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                subject: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Disabled */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DisabledPrincipal"];
                };
            };
            /** @description The request cannot be read (malformed JSON, a bad parameter or header); `errors` names the fields */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "REQUEST_INVALID";
                    };
                };
            };
            /** @description No valid credential: send `Authorization: Bearer <token>` */
            401: {
                headers: {
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description The credential lacks the scope or role this needs */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PRINCIPAL_NOT_FOUND";
                    };
                };
            };
            /** @description The request conflicts with the resource's state (`code` says how) */
            409: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PRINCIPAL_CONFLICT";
                    };
                };
            };
            /** @description The body parses but breaks the schema or a rule; `errors` names the fields */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INVALID_SUBJECT";
                    };
                };
            };
            /** @description A bug on the server; quote the request id */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INTERNAL";
                    };
                };
            };
            /** @description A passing condition (e.g. `STORAGE_UNAVAILABLE`: the database does not answer): retry after `Retry-After` seconds */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "STORAGE_UNAVAILABLE";
                    };
                };
            };
        };
    };
    getSlackUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slackUserId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The link */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SlackUserLink"];
                };
            };
            /** @description The request cannot be read (malformed JSON, a bad parameter or header); `errors` names the fields */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "REQUEST_INVALID";
                    };
                };
            };
            /** @description No valid credential: send `Authorization: Bearer <token>` */
            401: {
                headers: {
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description The credential lacks the scope or role this needs */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "SLACK_USER_NOT_LINKED";
                    };
                };
            };
            /** @description A bug on the server; quote the request id */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INTERNAL";
                    };
                };
            };
            /** @description A passing condition (e.g. `STORAGE_UNAVAILABLE`: the database does not answer): retry after `Retry-After` seconds */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "STORAGE_UNAVAILABLE";
                    };
                };
            };
        };
    };
    putSlackUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slackUserId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    scopes: ("specs:read" | "approve" | "rollback" | "deploy")[];
                    subject: string;
                };
            };
        };
        responses: {
            /** @description Replaced */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SlackUserLink"];
                };
            };
            /** @description Created */
            201: {
                headers: {
                    Location?: string;
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SlackUserLink"];
                };
            };
            /** @description The request cannot be read (malformed JSON, a bad parameter or header); `errors` names the fields */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "MALFORMED_JSON" | "REQUEST_INVALID";
                    };
                };
            };
            /** @description No valid credential: send `Authorization: Bearer <token>` */
            401: {
                headers: {
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description The credential lacks the scope or role this needs */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description The body is over the size limit (256 KiB by default) */
            413: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "BODY_TOO_LARGE";
                    };
                };
            };
            /** @description The body's Content-Type is not one the operation accepts */
            415: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNSUPPORTED_MEDIA_TYPE";
                    };
                };
            };
            /** @description The body parses but breaks the schema or a rule; `errors` names the fields */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "REQUEST_INVALID" | "SLACK_LINK_SUBJECT_UNKNOWN";
                    };
                };
            };
            /** @description A bug on the server; quote the request id */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INTERNAL";
                    };
                };
            };
            /** @description A passing condition (e.g. `STORAGE_UNAVAILABLE`: the database does not answer): retry after `Retry-After` seconds */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "STORAGE_UNAVAILABLE";
                    };
                };
            };
        };
    };
    deleteSlackUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slackUserId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Unlinked */
            204: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request cannot be read (malformed JSON, a bad parameter or header); `errors` names the fields */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "REQUEST_INVALID";
                    };
                };
            };
            /** @description No valid credential: send `Authorization: Bearer <token>` */
            401: {
                headers: {
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description The credential lacks the scope or role this needs */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "SLACK_USER_NOT_LINKED";
                    };
                };
            };
            /** @description A bug on the server; quote the request id */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INTERNAL";
                    };
                };
            };
            /** @description A passing condition (e.g. `STORAGE_UNAVAILABLE`: the database does not answer): retry after `Retry-After` seconds */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "STORAGE_UNAVAILABLE";
                    };
                };
            };
        };
    };
    listSpecs: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of specs */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SpecPage"];
                };
            };
            /** @description The request cannot be read (malformed JSON, a bad parameter or header); `errors` names the fields */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INVALID_CURSOR" | "REQUEST_INVALID";
                    };
                };
            };
            /** @description No valid credential: send `Authorization: Bearer <token>` */
            401: {
                headers: {
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description The credential lacks the scope or role this needs */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description A bug on the server; quote the request id */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INTERNAL";
                    };
                };
            };
            /** @description A passing condition (e.g. `STORAGE_UNAVAILABLE`: the database does not answer): retry after `Retry-After` seconds */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "STORAGE_UNAVAILABLE";
                    };
                };
            };
        };
    };
    registerSpec: {
        parameters: {
            query?: {
                validation?: "lenient" | "strict";
            };
            header?: {
                /** @description 1 to 255 visible ASCII characters. The same key and request replay the first response (with `Idempotent-Replayed: true`); the same key with another request is a 422. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        /** @description An OSpec document as YAML or JSON (at most 256 KiB). Without a Content-Type (or `text/plain`), the format is detected. */
        requestBody: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
                "application/yaml": string;
                "text/yaml": string;
            };
        };
        responses: {
            /** @description Identical content: the existing version */
            200: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RegisterResponse"];
                };
            };
            /** @description A new version */
            201: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    Location: components["headers"]["Location"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RegisterResponse"];
                };
            };
            /** @description The request cannot be read (malformed JSON, a bad parameter or header); `errors` names the fields */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "REQUEST_INVALID" | "SPEC_PARSE_ERROR";
                    };
                };
            };
            /** @description No valid credential: send `Authorization: Bearer <token>` */
            401: {
                headers: {
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description The credential lacks the scope or role this needs */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description The request conflicts with the resource's state (`code` says how) */
            409: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "IDEMPOTENCY_IN_PROGRESS";
                    };
                };
            };
            /** @description The body is over the size limit (256 KiB by default) */
            413: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "BODY_TOO_LARGE" | "SPEC_TOO_LARGE";
                    };
                };
            };
            /** @description The body's Content-Type is not one the operation accepts */
            415: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNSUPPORTED_MEDIA_TYPE";
                    };
                };
            };
            /** @description The body parses but breaks the schema or a rule; `errors` names the fields */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "IDEMPOTENCY_KEY_REUSED" | "SPEC_INVALID" | "SPEC_NOT_A_MAP" | "SPEC_TOO_COMPLEX";
                    };
                };
            };
            /** @description A bug on the server; quote the request id */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INTERNAL";
                    };
                };
            };
            /** @description A passing condition (e.g. `STORAGE_UNAVAILABLE`: the database does not answer): retry after `Retry-After` seconds */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PARSE_CAPACITY_EXCEEDED" | "STORAGE_UNAVAILABLE" | "WRITE_CONTENTION";
                    };
                };
            };
        };
    };
    getSpec: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                specId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Summary */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SpecDetail"];
                };
            };
            /** @description The request cannot be read (malformed JSON, a bad parameter or header); `errors` names the fields */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "REQUEST_INVALID";
                    };
                };
            };
            /** @description No valid credential: send `Authorization: Bearer <token>` */
            401: {
                headers: {
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description The credential lacks the scope or role this needs */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "SPEC_NOT_FOUND";
                    };
                };
            };
            /** @description A bug on the server; quote the request id */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INTERNAL";
                    };
                };
            };
            /** @description A passing condition (e.g. `STORAGE_UNAVAILABLE`: the database does not answer): retry after `Retry-After` seconds */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "STORAGE_UNAVAILABLE";
                    };
                };
            };
        };
    };
    diffSpecVersions: {
        parameters: {
            query: {
                from: "latest" | string;
                to?: "latest" | string;
            };
            header?: never;
            path: {
                specId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The diff */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SpecDiff"];
                };
            };
            /** @description The request cannot be read (malformed JSON, a bad parameter or header); `errors` names the fields */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "REQUEST_INVALID";
                    };
                };
            };
            /** @description No valid credential: send `Authorization: Bearer <token>` */
            401: {
                headers: {
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description The credential lacks the scope or role this needs */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "SPEC_NOT_FOUND" | "SPEC_VERSION_NOT_FOUND";
                    };
                };
            };
            /** @description A bug on the server; quote the request id */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INTERNAL";
                    };
                };
            };
            /** @description A passing condition (e.g. `STORAGE_UNAVAILABLE`: the database does not answer): retry after `Retry-After` seconds */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "STORAGE_UNAVAILABLE";
                    };
                };
            };
        };
    };
    listSpecEnvironments: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                specId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Environments */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["EnvironmentState"][];
                    };
                };
            };
            /** @description The request cannot be read (malformed JSON, a bad parameter or header); `errors` names the fields */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "REQUEST_INVALID";
                    };
                };
            };
            /** @description No valid credential: send `Authorization: Bearer <token>` */
            401: {
                headers: {
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description The credential lacks the scope or role this needs */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "SPEC_NOT_FOUND";
                    };
                };
            };
            /** @description A bug on the server; quote the request id */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INTERNAL";
                    };
                };
            };
            /** @description A passing condition (e.g. `STORAGE_UNAVAILABLE`: the database does not answer): retry after `Retry-After` seconds */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "STORAGE_UNAVAILABLE";
                    };
                };
            };
        };
    };
    rollbackEnvironment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                env: string;
                specId: string;
            };
            cookie?: never;
        };
        /** @description Optional: `{reason}`, recorded with the stop */
        requestBody?: {
            content: {
                "application/json": components["schemas"]["StopReason"];
            };
        };
        responses: {
            /** @description Rolling back */
            202: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Deployment"];
                };
            };
            /** @description The request cannot be read (malformed JSON, a bad parameter or header); `errors` names the fields */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "MALFORMED_JSON" | "REQUEST_INVALID";
                    };
                };
            };
            /** @description No valid credential: send `Authorization: Bearer <token>` */
            401: {
                headers: {
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description The credential lacks the scope or role this needs */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "SPEC_VERSION_NOT_FOUND";
                    };
                };
            };
            /** @description The request conflicts with the resource's state (`code` says how) */
            409: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "ALREADY_ROLLED_BACK" | "DEPLOYMENT_CONFLICT" | "LOCK_HELD" | "NO_PREVIOUS_VERSION" | "VERSION_ALREADY_CURRENT" | "VERSION_DISABLED";
                    };
                };
            };
            /** @description The body is over the size limit (256 KiB by default) */
            413: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "BODY_TOO_LARGE";
                    };
                };
            };
            /** @description The body's Content-Type is not one the operation accepts */
            415: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNSUPPORTED_MEDIA_TYPE";
                    };
                };
            };
            /** @description The body parses but breaks the schema or a rule; `errors` names the fields */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INVALID_ROLLOUT_SETTINGS" | "REQUEST_INVALID" | "TARGET_NOT_ALLOWED" | "TARGET_NOT_FOUND" | "UNKNOWN_ENVIRONMENT";
                    };
                };
            };
            /** @description A bug on the server; quote the request id */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INTERNAL";
                    };
                };
            };
            /** @description A passing condition (e.g. `STORAGE_UNAVAILABLE`: the database does not answer): retry after `Retry-After` seconds */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "ORCHESTRATOR_UNAVAILABLE" | "STORAGE_UNAVAILABLE";
                    };
                };
            };
        };
    };
    promoteSpec: {
        parameters: {
            query?: never;
            header?: {
                /** @description 1 to 255 visible ASCII characters. The same key and request replay the first response (with `Idempotent-Replayed: true`); the same key with another request is a 422. */
                "Idempotency-Key"?: string;
            };
            path: {
                specId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    from: string;
                    reason?: string;
                    to: string;
                };
            };
        };
        responses: {
            /** @description Started */
            202: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Deployment"];
                };
            };
            /** @description The request cannot be read (malformed JSON, a bad parameter or header); `errors` names the fields */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "MALFORMED_JSON" | "REQUEST_INVALID";
                    };
                };
            };
            /** @description No valid credential: send `Authorization: Bearer <token>` */
            401: {
                headers: {
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description The credential lacks the scope or role this needs */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "SPEC_NOT_FOUND" | "SPEC_VERSION_NOT_FOUND";
                    };
                };
            };
            /** @description The request conflicts with the resource's state (`code` says how) */
            409: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "DEPLOYMENT_CONFLICT" | "IDEMPOTENCY_IN_PROGRESS" | "LOCK_HELD" | "NOTHING_TO_PROMOTE" | "PROMOTION_PATH" | "VERSION_ALREADY_CURRENT" | "VERSION_DISABLED";
                    };
                };
            };
            /** @description The body is over the size limit (256 KiB by default) */
            413: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "BODY_TOO_LARGE";
                    };
                };
            };
            /** @description The body's Content-Type is not one the operation accepts */
            415: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNSUPPORTED_MEDIA_TYPE";
                    };
                };
            };
            /** @description The body parses but breaks the schema or a rule; `errors` names the fields */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "IDEMPOTENCY_KEY_REUSED" | "INVALID_ROLLOUT_SETTINGS" | "POLICY_VIOLATION" | "REQUEST_INVALID" | "TARGET_NOT_ALLOWED" | "TARGET_NOT_FOUND" | "UNKNOWN_ENVIRONMENT";
                    };
                };
            };
            /** @description A bug on the server; quote the request id */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INTERNAL";
                    };
                };
            };
            /** @description A passing condition (e.g. `STORAGE_UNAVAILABLE`: the database does not answer): retry after `Retry-After` seconds */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "ORCHESTRATOR_UNAVAILABLE" | "STORAGE_UNAVAILABLE";
                    };
                };
            };
        };
    };
    listSpecVersions: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path: {
                specId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of versions */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SpecVersionPage"];
                };
            };
            /** @description The request cannot be read (malformed JSON, a bad parameter or header); `errors` names the fields */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INVALID_CURSOR" | "REQUEST_INVALID";
                    };
                };
            };
            /** @description No valid credential: send `Authorization: Bearer <token>` */
            401: {
                headers: {
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description The credential lacks the scope or role this needs */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "SPEC_NOT_FOUND";
                    };
                };
            };
            /** @description A bug on the server; quote the request id */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INTERNAL";
                    };
                };
            };
            /** @description A passing condition (e.g. `STORAGE_UNAVAILABLE`: the database does not answer): retry after `Retry-After` seconds */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "STORAGE_UNAVAILABLE";
                    };
                };
            };
        };
    };
    getSpecVersion: {
        parameters: {
            query?: never;
            header?: {
                /** @description ETags of representations the caller holds */
                "if-none-match"?: string;
            };
            path: {
                specId: string;
                version: "latest" | string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The version */
            200: {
                headers: {
                    /** @description See the operation's description */
                    "Cache-Control"?: string;
                    /** @description Strong: the content hash; `-raw` for the raw text; a suffix once the lifecycle state changed */
                    ETag?: string;
                    /** @description `Accept`: the representation depends on it */
                    Vary?: string;
                    "x-request-id": components["headers"]["RequestId"];
                    /** @description The version number (what `latest` resolved to) */
                    "x-spec-version"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SpecVersion"];
                    "application/yaml": string;
                };
            };
            /** @description Not modified: the `If-None-Match` ETag is current */
            304: {
                headers: {
                    /** @description See the operation's description */
                    "Cache-Control"?: string;
                    /** @description Strong: the content hash; `-raw` for the raw text; a suffix once the lifecycle state changed */
                    ETag?: string;
                    /** @description `Accept`: the representation depends on it */
                    Vary?: string;
                    "x-request-id": components["headers"]["RequestId"];
                    /** @description The version number (what `latest` resolved to) */
                    "x-spec-version"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request cannot be read (malformed JSON, a bad parameter or header); `errors` names the fields */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "REQUEST_INVALID";
                    };
                };
            };
            /** @description No valid credential: send `Authorization: Bearer <token>` */
            401: {
                headers: {
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description The credential lacks the scope or role this needs */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "SPEC_NOT_FOUND" | "SPEC_VERSION_NOT_FOUND";
                    };
                };
            };
            /** @description No representation the `Accept` header takes; `available` lists those there are */
            406: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "NOT_ACCEPTABLE";
                    };
                };
            };
            /** @description A bug on the server; quote the request id */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INTERNAL";
                    };
                };
            };
            /** @description A passing condition (e.g. `STORAGE_UNAVAILABLE`: the database does not answer): retry after `Retry-After` seconds */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "STORAGE_UNAVAILABLE";
                    };
                };
            };
        };
    };
    setSpecVersionState: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag of the JSON form this change is based on (`*`: any) */
                "if-match"?: string;
            };
            path: {
                specId: string;
                version: "latest" | string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    state: components["schemas"]["LifecycleState"];
                };
            };
        };
        responses: {
            /** @description Updated */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SpecVersionSummary"];
                };
            };
            /** @description The request cannot be read (malformed JSON, a bad parameter or header); `errors` names the fields */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "MALFORMED_JSON" | "REQUEST_INVALID";
                    };
                };
            };
            /** @description No valid credential: send `Authorization: Bearer <token>` */
            401: {
                headers: {
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description The credential lacks the scope or role this needs */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "SPEC_NOT_FOUND" | "SPEC_VERSION_NOT_FOUND";
                    };
                };
            };
            /** @description `If-Match` does not name the current representation */
            412: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PRECONDITION_FAILED";
                    };
                };
            };
            /** @description The body is over the size limit (256 KiB by default) */
            413: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "BODY_TOO_LARGE";
                    };
                };
            };
            /** @description The body's Content-Type is not one the operation accepts */
            415: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNSUPPORTED_MEDIA_TYPE";
                    };
                };
            };
            /** @description The body parses but breaks the schema or a rule; `errors` names the fields */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "REQUEST_INVALID";
                    };
                };
            };
            /** @description A bug on the server; quote the request id */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INTERNAL";
                    };
                };
            };
            /** @description A passing condition (e.g. `STORAGE_UNAVAILABLE`: the database does not answer): retry after `Retry-After` seconds */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "STORAGE_UNAVAILABLE";
                    };
                };
            };
        };
    };
    validateSpec: {
        parameters: {
            query?: {
                validation?: "lenient" | "strict";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description An OSpec document as YAML or JSON (at most 256 KiB). Without a Content-Type (or `text/plain`), the format is detected. */
        requestBody: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
                "application/yaml": string;
                "text/yaml": string;
            };
        };
        responses: {
            /** @description Valid, with warnings */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationResult"];
                };
            };
            /** @description The request cannot be read (malformed JSON, a bad parameter or header); `errors` names the fields */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "REQUEST_INVALID" | "SPEC_PARSE_ERROR";
                    };
                };
            };
            /** @description No valid credential: send `Authorization: Bearer <token>` */
            401: {
                headers: {
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description The credential lacks the scope or role this needs */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description The body is over the size limit (256 KiB by default) */
            413: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "BODY_TOO_LARGE";
                    };
                };
            };
            /** @description The body's Content-Type is not one the operation accepts */
            415: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNSUPPORTED_MEDIA_TYPE";
                    };
                };
            };
            /** @description The body parses but breaks the schema or a rule; `errors` names the fields */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "SPEC_INVALID" | "SPEC_NOT_A_MAP" | "SPEC_TOO_COMPLEX";
                    };
                };
            };
            /** @description A bug on the server; quote the request id */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INTERNAL";
                    };
                };
            };
            /** @description A passing condition (e.g. `STORAGE_UNAVAILABLE`: the database does not answer): retry after `Retry-After` seconds */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PARSE_CAPACITY_EXCEEDED" | "STORAGE_UNAVAILABLE";
                    };
                };
            };
        };
    };
    listTargets: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of targets */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TargetPage"];
                };
            };
            /** @description The request cannot be read (malformed JSON, a bad parameter or header); `errors` names the fields */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INVALID_CURSOR" | "REQUEST_INVALID";
                    };
                };
            };
            /** @description No valid credential: send `Authorization: Bearer <token>` */
            401: {
                headers: {
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description The credential lacks the scope or role this needs */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description A bug on the server; quote the request id */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INTERNAL";
                    };
                };
            };
            /** @description A passing condition (e.g. `STORAGE_UNAVAILABLE`: the database does not answer): retry after `Retry-After` seconds */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "STORAGE_UNAVAILABLE";
                    };
                };
            };
        };
    };
    getTarget: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The target */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        allowPrivateNetwork: boolean;
                        createdAt: string;
                        createdBy: string;
                        description?: string;
                        environments?: string[];
                        name: string;
                        revision: number;
                        specs: string[];
                        /** @enum {string} */
                        type: "webhook";
                        updatedAt: string;
                        updatedBy: string;
                        url: string;
                    } | {
                        alias: string;
                        createdAt: string;
                        createdBy: string;
                        description?: string;
                        environments?: string[];
                        functionName: string;
                        name: string;
                        region?: string;
                        revision: number;
                        specs: string[];
                        /** @enum {string} */
                        type: "lambda-alias";
                        updatedAt: string;
                        updatedBy: string;
                    };
                };
            };
            /** @description The request cannot be read (malformed JSON, a bad parameter or header); `errors` names the fields */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "REQUEST_INVALID";
                    };
                };
            };
            /** @description No valid credential: send `Authorization: Bearer <token>` */
            401: {
                headers: {
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description The credential lacks the scope or role this needs */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "TARGET_NOT_FOUND";
                    };
                };
            };
            /** @description The body parses but breaks the schema or a rule; `errors` names the fields */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "TARGET_INVALID";
                    };
                };
            };
            /** @description A bug on the server; quote the request id */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INTERNAL";
                    };
                };
            };
            /** @description A passing condition (e.g. `STORAGE_UNAVAILABLE`: the database does not answer): retry after `Retry-After` seconds */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "STORAGE_UNAVAILABLE";
                    };
                };
            };
        };
    };
    putTarget: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    allowPrivateNetwork?: boolean;
                    description?: string;
                    environments?: string[];
                    secret?: string;
                    specs: string[];
                    /** @enum {string} */
                    type: "webhook";
                    /** Format: uri */
                    url: string;
                } | {
                    alias: string;
                    description?: string;
                    environments?: string[];
                    functionName: string;
                    region?: string;
                    specs: string[];
                    /** @enum {string} */
                    type: "lambda-alias";
                };
            };
        };
        responses: {
            /** @description Replaced */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PutTargetResponse"];
                };
            };
            /** @description Created; a webhook target's secret is in the body, once */
            201: {
                headers: {
                    Location: components["headers"]["Location"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PutTargetResponse"];
                };
            };
            /** @description The request cannot be read (malformed JSON, a bad parameter or header); `errors` names the fields */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "MALFORMED_JSON" | "REQUEST_INVALID";
                    };
                };
            };
            /** @description No valid credential: send `Authorization: Bearer <token>` */
            401: {
                headers: {
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description The credential lacks the scope or role this needs */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description The body is over the size limit (256 KiB by default) */
            413: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "BODY_TOO_LARGE";
                    };
                };
            };
            /** @description The body's Content-Type is not one the operation accepts */
            415: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNSUPPORTED_MEDIA_TYPE";
                    };
                };
            };
            /** @description The body parses but breaks the schema or a rule; `errors` names the fields */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "REQUEST_INVALID" | "TARGET_INVALID";
                    };
                };
            };
            /** @description A bug on the server; quote the request id */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INTERNAL";
                    };
                };
            };
            /** @description A passing condition (e.g. `STORAGE_UNAVAILABLE`: the database does not answer): retry after `Retry-After` seconds */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "STORAGE_UNAVAILABLE";
                    };
                };
            };
        };
    };
    deleteTarget: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed */
            204: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request cannot be read (malformed JSON, a bad parameter or header); `errors` names the fields */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "REQUEST_INVALID";
                    };
                };
            };
            /** @description No valid credential: send `Authorization: Bearer <token>` */
            401: {
                headers: {
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description The credential lacks the scope or role this needs */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "TARGET_NOT_FOUND";
                    };
                };
            };
            /** @description The request conflicts with the resource's state (`code` says how) */
            409: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "TARGET_IN_USE";
                    };
                };
            };
            /** @description The body parses but breaks the schema or a rule; `errors` names the fields */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "TARGET_INVALID";
                    };
                };
            };
            /** @description A bug on the server; quote the request id */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INTERNAL";
                    };
                };
            };
            /** @description A passing condition (e.g. `STORAGE_UNAVAILABLE`: the database does not answer): retry after `Retry-After` seconds */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "STORAGE_UNAVAILABLE";
                    };
                };
            };
        };
    };
    listTokens: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of tokens */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenPage"];
                };
            };
            /** @description The request cannot be read (malformed JSON, a bad parameter or header); `errors` names the fields */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INVALID_CURSOR" | "REQUEST_INVALID";
                    };
                };
            };
            /** @description No valid credential: send `Authorization: Bearer <token>` */
            401: {
                headers: {
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description The credential lacks the scope or role this needs */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description A bug on the server; quote the request id */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INTERNAL";
                    };
                };
            };
            /** @description A passing condition (e.g. `STORAGE_UNAVAILABLE`: the database does not answer): retry after `Retry-After` seconds */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "STORAGE_UNAVAILABLE";
                    };
                };
            };
        };
    };
    issueToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: date-time */
                    expiresAt?: string;
                    roles?: string[];
                    scopes: ("specs:read" | "specs:write" | "deploy" | "approve" | "rollback" | "admin")[];
                    subject: string;
                };
            };
        };
        responses: {
            /** @description Issued */
            201: {
                headers: {
                    Location: components["headers"]["Location"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IssuedToken"];
                };
            };
            /** @description The request cannot be read (malformed JSON, a bad parameter or header); `errors` names the fields */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "MALFORMED_JSON";
                    };
                };
            };
            /** @description No valid credential: send `Authorization: Bearer <token>` */
            401: {
                headers: {
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description The credential lacks the scope or role this needs */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description The request conflicts with the resource's state (`code` says how) */
            409: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PRINCIPAL_CONFLICT" | "PRINCIPAL_DISABLED";
                    };
                };
            };
            /** @description The body is over the size limit (256 KiB by default) */
            413: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "BODY_TOO_LARGE";
                    };
                };
            };
            /** @description The body's Content-Type is not one the operation accepts */
            415: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNSUPPORTED_MEDIA_TYPE";
                    };
                };
            };
            /** @description The body parses but breaks the schema or a rule; `errors` names the fields */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INVALID_SUBJECT" | "REQUEST_INVALID";
                    };
                };
            };
            /** @description A bug on the server; quote the request id */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INTERNAL";
                    };
                };
            };
            /** @description A passing condition (e.g. `STORAGE_UNAVAILABLE`: the database does not answer): retry after `Retry-After` seconds */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "STORAGE_UNAVAILABLE";
                    };
                };
            };
        };
    };
    revokeToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked */
            204: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request cannot be read (malformed JSON, a bad parameter or header); `errors` names the fields */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "REQUEST_INVALID";
                    };
                };
            };
            /** @description No valid credential: send `Authorization: Bearer <token>` */
            401: {
                headers: {
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description The credential lacks the scope or role this needs */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "TOKEN_NOT_FOUND";
                    };
                };
            };
            /** @description A bug on the server; quote the request id */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INTERNAL";
                    };
                };
            };
            /** @description A passing condition (e.g. `STORAGE_UNAVAILABLE`: the database does not answer): retry after `Retry-After` seconds */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "STORAGE_UNAVAILABLE";
                    };
                };
            };
        };
    };
    listWebhooks: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of subscriptions */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookPage"];
                };
            };
            /** @description The request cannot be read (malformed JSON, a bad parameter or header); `errors` names the fields */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INVALID_CURSOR" | "REQUEST_INVALID";
                    };
                };
            };
            /** @description No valid credential: send `Authorization: Bearer <token>` */
            401: {
                headers: {
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description The credential lacks the scope or role this needs */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description A bug on the server; quote the request id */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INTERNAL";
                    };
                };
            };
            /** @description A passing condition (e.g. `STORAGE_UNAVAILABLE`: the database does not answer): retry after `Retry-After` seconds */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "STORAGE_UNAVAILABLE";
                    };
                };
            };
        };
    };
    createWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    allowPrivateNetwork?: boolean;
                    description?: string;
                    events: string[];
                    /** Format: uri */
                    url: string;
                };
            };
        };
        responses: {
            /** @description Subscribed; the secret is in the body, this once */
            201: {
                headers: {
                    Location: components["headers"]["Location"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedWebhook"];
                };
            };
            /** @description The request cannot be read (malformed JSON, a bad parameter or header); `errors` names the fields */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "MALFORMED_JSON";
                    };
                };
            };
            /** @description No valid credential: send `Authorization: Bearer <token>` */
            401: {
                headers: {
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description The credential lacks the scope or role this needs */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description The body is over the size limit (256 KiB by default) */
            413: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "BODY_TOO_LARGE";
                    };
                };
            };
            /** @description The body's Content-Type is not one the operation accepts */
            415: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNSUPPORTED_MEDIA_TYPE";
                    };
                };
            };
            /** @description The body parses but breaks the schema or a rule; `errors` names the fields */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "REQUEST_INVALID";
                    };
                };
            };
            /** @description A bug on the server; quote the request id */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INTERNAL";
                    };
                };
            };
            /** @description A passing condition (e.g. `STORAGE_UNAVAILABLE`: the database does not answer): retry after `Retry-After` seconds */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "STORAGE_UNAVAILABLE";
                    };
                };
            };
        };
    };
    deleteWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed */
            204: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request cannot be read (malformed JSON, a bad parameter or header); `errors` names the fields */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "REQUEST_INVALID";
                    };
                };
            };
            /** @description No valid credential: send `Authorization: Bearer <token>` */
            401: {
                headers: {
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description The credential lacks the scope or role this needs */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "WEBHOOK_NOT_FOUND";
                    };
                };
            };
            /** @description A bug on the server; quote the request id */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INTERNAL";
                    };
                };
            };
            /** @description A passing condition (e.g. `STORAGE_UNAVAILABLE`: the database does not answer): retry after `Retry-After` seconds */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "STORAGE_UNAVAILABLE";
                    };
                };
            };
        };
    };
    listWebhookDeliveries: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of deliveries */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDeliveryPage"];
                };
            };
            /** @description The request cannot be read (malformed JSON, a bad parameter or header); `errors` names the fields */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INVALID_CURSOR" | "REQUEST_INVALID";
                    };
                };
            };
            /** @description No valid credential: send `Authorization: Bearer <token>` */
            401: {
                headers: {
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description The credential lacks the scope or role this needs */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "WEBHOOK_NOT_FOUND";
                    };
                };
            };
            /** @description A bug on the server; quote the request id */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INTERNAL";
                    };
                };
            };
            /** @description A passing condition (e.g. `STORAGE_UNAVAILABLE`: the database does not answer): retry after `Retry-After` seconds */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "STORAGE_UNAVAILABLE";
                    };
                };
            };
        };
    };
    retryWebhookDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                deliveryId: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Due now: the dispatcher attempts it next */
            202: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDelivery"];
                };
            };
            /** @description The request cannot be read (malformed JSON, a bad parameter or header); `errors` names the fields */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "REQUEST_INVALID";
                    };
                };
            };
            /** @description No valid credential: send `Authorization: Bearer <token>` */
            401: {
                headers: {
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description The credential lacks the scope or role this needs */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "WEBHOOK_DELIVERY_NOT_FOUND" | "WEBHOOK_NOT_FOUND";
                    };
                };
            };
            /** @description The request conflicts with the resource's state (`code` says how) */
            409: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "WEBHOOK_DELIVERY_DELIVERED" | "WEBHOOK_DELIVERY_IN_FLIGHT";
                    };
                };
            };
            /** @description The body is over the size limit (256 KiB by default) */
            413: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "BODY_TOO_LARGE";
                    };
                };
            };
            /** @description A bug on the server; quote the request id */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INTERNAL";
                    };
                };
            };
            /** @description A passing condition (e.g. `STORAGE_UNAVAILABLE`: the database does not answer): retry after `Retry-After` seconds */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "STORAGE_UNAVAILABLE";
                    };
                };
            };
        };
    };
}
