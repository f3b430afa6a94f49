/**
 * Generated from the Rollgate app's /openapi.json by `npm run client:generate`
 * (scripts/client-schema.ts, openapi-typescript). Do not edit by hand.
 */

export interface paths {
    "/v1/deployments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List deployments, newest first */
        get: {
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
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                createdAt: string;
                                environment: string;
                                finishedAt?: string;
                                id: string;
                                /** @enum {string} */
                                purpose: "deploy" | "rollback";
                                requestedBy: string;
                                specId: string;
                                /** @enum {string} */
                                status: "pending" | "in_progress" | "awaiting_approval" | "rolling_back" | "succeeded" | "rolled_back" | "rollback_failed" | "aborted";
                                /** @enum {string} */
                                strategy: "blue_green" | "canary" | "rolling";
                                version: number;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Problem details (RFC 9457) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Start a rollout of a spec version to an environment (`?dryRun=true`: the plan only) */
        post: {
            parameters: {
                query?: {
                    dryRun?: "true" | "false";
                };
                header?: never;
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
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Deployment"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
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
        /** A deployment: status, plan, current step, traffic weights, timeline, approvals, analysis, compensation log */
        get: {
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
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Deployment"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
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
        /** Stop a rollout in flight and compensate (traffic back on the stable version) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        reason?: string;
                    };
                };
            };
            responses: {
                /** @description Aborting */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Deployment"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
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
        /** Approve or reject the open approval gate */
        post: {
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
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["VoteOutcome"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
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
        /** The deployment's events after a sequence number, oldest first (what `rollgate watch` follows) */
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
        post: {
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
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Deployment"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
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
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        reason?: string;
                    };
                };
            };
            responses: {
                /** @description Rolling back */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Deployment"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
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
        /** Who am I: the caller's principal, its roles, and the credential's scopes */
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
        /** The platform's environment policy: the floor specs cannot lower */
        get: {
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
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Problem details (RFC 9457) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        /**
         * Admin: replace the platform's environment policy
         * @description Per environment name: `requiresApproval`, `approvers` (roles), `after` (environments a version must have succeeded in first), `autoDeploy`, `strategies`, `slackChannel`. Each change is a new revision and writes a `policy.changed` event with the actor. `If-Match` with the ETag refuses to overwrite a newer revision (412). An unchanged document changes nothing.
         */
        put: {
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
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Policy"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
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
        /** List principals, by subject */
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
        /** One principal */
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
        /** A Slack user's link */
        get: operations["getSlackUser"];
        /**
         * Link a Slack user to a principal, with the scopes it acts with in Slack
         * @description The Slack user then acts as `subject` with `scopes` (`specs:read`, `approve`, `rollback`, `deploy`) and the principal's roles, under the same rules as the API: no self-approval, one vote per principal.
         */
        put: operations["putSlackUser"];
        post?: never;
        /** Unlink a Slack user: it acts as nobody from now on */
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
        /** List specs */
        get: {
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
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SpecPage"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Register a spec document
         * @description 201 with a new version, 200 when identical content is already registered. `Idempotency-Key` is honoured.
         */
        post: {
            parameters: {
                query?: {
                    validation?: "lenient" | "strict";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description An OSpec document as YAML or JSON (at most 256 KiB). */
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
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RegisterResponse"];
                    };
                };
                /** @description A new version */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RegisterResponse"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
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
        /** Spec summary: latest version and the version current in each environment */
        get: {
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
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SpecDetail"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
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
        /** RFC 6902 JSON Patch from one version to another, with the rollout-relevant changes */
        get: {
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
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SpecDiff"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
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
        /** Environments in promotion order with their current and previous versions */
        get: {
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
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["EnvironmentState"][];
                        };
                    };
                };
                /** @description Problem details (RFC 9457) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
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
        /** Chat-ops: roll an environment back to its previous version */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    env: string;
                    specId: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        reason?: string;
                    };
                };
            };
            responses: {
                /** @description Rolling back */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Deployment"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
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
        /** Deploy the version current in `from` to `to` */
        post: {
            parameters: {
                query?: never;
                header?: never;
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
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Deployment"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
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
        /** List versions, newest first */
        get: {
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
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SpecVersionPage"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
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
         * @description A numbered version carries a strong `ETag` and honours `If-None-Match` (304). The raw text never changes (`Cache-Control: private, max-age=31536000, immutable`); the JSON form carries the lifecycle state, which can change, so it may be cached for the server's state staleness bound only. `latest` moves: `Cache-Control: no-cache`. The raw text of a spec registered as JSON is served as `application/json`.
         */
        get: {
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
                        /** @description The version number (what `latest` resolved to) */
                        "x-spec-version"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SpecVersion"] | {
                            [key: string]: unknown;
                        };
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
                        /** @description The version number (what `latest` resolved to) */
                        "x-spec-version"?: string;
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Problem details (RFC 9457) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a version's lifecycle state (active, deprecated, disabled) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
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
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SpecVersionSummary"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
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
        /** Validate a spec document without registering it */
        post: {
            parameters: {
                query?: {
                    validation?: "lenient" | "strict";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description An OSpec document as YAML or JSON (at most 256 KiB). */
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
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            contentHash: string;
                            specId: string;
                            /** @enum {boolean} */
                            valid: true;
                            warnings: components["schemas"]["FieldIssue"][];
                        };
                    };
                };
                /** @description Problem details (RFC 9457) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
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
        /** List registered targets, by name (never their secrets) */
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
        /** One registered target (never its secret) */
        get: operations["getTarget"];
        /** Register or replace a webhook or lambda-alias target, and say which specs and environments may use it */
        put: operations["putTarget"];
        post?: never;
        /** Remove a registered target (409 TARGET_IN_USE while a rollout in flight uses it); deployments naming it are refused from then on */
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
        /** List tokens (never their secrets) */
        get: {
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
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TokenPage"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Issue an API token (the secret is shown once)
         * @description The subject is a principal: created when missing; `roles`, when given, become its roles. A subject that is not a lower-case identifier is a 422 naming `subject`.
         */
        post: {
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
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["IssuedToken"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
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
        /** Revoke a token */
        delete: {
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
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Problem details (RFC 9457) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details (RFC 9457) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
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
        /** List subscriptions, oldest first (never their secrets) */
        get: operations["listWebhooks"];
        put?: never;
        /** Subscribe a URL to events: each is delivered as a CloudEvent signed per Standard Webhooks */
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
        /** Unsubscribe: nothing more is delivered (pending deliveries end failed, WEBHOOK_DELETED) */
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
        /** The delivery log, newest event first: attempts, status, last HTTP status and error */
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
        /** Retry a pending or failed delivery now (same webhook-id, same body); 409 once delivered */
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
                threshold: number;
            };
            approvals: {
                approvedRoles: string[];
                expiresAt: string;
                gate: number;
                requiredRoles: string[];
                /** @description Required roles nobody eligible held when the gate opened. */
                rolesWithoutApprovers?: string[];
                /** @enum {string} */
                status: "open" | "approved" | "rejected" | "timed_out" | "cancelled";
                votes: {
                    at: string;
                    comment?: string;
                    /** @enum {string} */
                    decision: "approve" | "reject";
                    role: string | null;
                    subject: string;
                    /** @enum {string} */
                    via: "api" | "link";
                }[];
            }[];
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
            id: string;
            pendingCompensations: {
                kind: string;
                step: number;
            }[];
            plan: components["schemas"]["Plan"];
            /** @enum {string} */
            purpose: "deploy" | "rollback";
            reason?: string;
            requestedBy: string;
            rollbackOf?: string;
            specId: string;
            stableVersion: number | null;
            /** @enum {string} */
            status: "pending" | "in_progress" | "awaiting_approval" | "rolling_back" | "succeeded" | "rolled_back" | "rollback_failed" | "aborted";
            /** @enum {string} */
            strategy: "blue_green" | "canary" | "rolling";
            timeline: components["schemas"]["DomainEvent"][];
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
        DisabledPrincipal: components["schemas"]["Principal"] & {
            revokedTokens: number;
        };
        DomainEvent: {
            actor?: string;
            at: string;
            data: {
                [key: string]: unknown;
            };
            id: string;
            type: string;
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
                failedChecks: number;
                threshold: number;
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
                /** @enum {string} */
                decision: "approve" | "reject";
                gate: number;
                subject: string;
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
            check?: string;
            index: number;
            /** @enum {string} */
            kind: "prepare" | "health_check" | "validate" | "approval" | "shift" | "bake" | "analysis" | "promote" | "finalize";
            requiredRoles?: string[];
            retries?: number;
            seconds?: number;
            timeoutSeconds?: number;
            weight?: number;
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
        Problem: {
            /** @example SPEC_INVALID */
            code: string;
            detail: string;
            errors?: components["schemas"]["FieldIssue"][];
            instance?: string;
            status: number;
            title: string;
            type: string;
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
        VoteOutcome: {
            deploymentId: string;
            gate: number;
            /** @enum {string} */
            outcome: "recorded" | "approved" | "rejected";
            status: string;
            vote?: unknown;
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
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
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
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeploymentEventPage"];
                };
            };
            /** @description Problem details (RFC 9457) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem details (RFC 9457) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem details (RFC 9457) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem details (RFC 9457) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
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
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Me"];
                };
            };
            /** @description Problem details (RFC 9457) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
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
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PrincipalPage"];
                };
            };
            /** @description Problem details (RFC 9457) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem details (RFC 9457) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem details (RFC 9457) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
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
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Principal"];
                };
            };
            /** @description Problem details (RFC 9457) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem details (RFC 9457) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem details (RFC 9457) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem details (RFC 9457) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
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
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Principal"];
                };
            };
            /** @description Created */
            201: {
                headers: {
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Principal"];
                };
            };
            /** @description Problem details (RFC 9457) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem details (RFC 9457) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem details (RFC 9457) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem details (RFC 9457) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem details (RFC 9457) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
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
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DisabledPrincipal"];
                };
            };
            /** @description Problem details (RFC 9457) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem details (RFC 9457) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem details (RFC 9457) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem details (RFC 9457) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
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
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SlackUserLink"];
                };
            };
            /** @description Problem details (RFC 9457) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem details (RFC 9457) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem details (RFC 9457) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem details (RFC 9457) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
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
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SlackUserLink"];
                };
            };
            /** @description Problem details (RFC 9457) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem details (RFC 9457) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem details (RFC 9457) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem details (RFC 9457) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
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
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Problem details (RFC 9457) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem details (RFC 9457) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem details (RFC 9457) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem details (RFC 9457) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
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
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TargetPage"];
                };
            };
            /** @description Problem details (RFC 9457) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem details (RFC 9457) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem details (RFC 9457) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
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
            /** @description Problem details (RFC 9457) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem details (RFC 9457) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem details (RFC 9457) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem details (RFC 9457) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
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
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PutTargetResponse"];
                };
            };
            /** @description Created; a webhook target's secret is in the body, once */
            201: {
                headers: {
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PutTargetResponse"];
                };
            };
            /** @description Problem details (RFC 9457) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem details (RFC 9457) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem details (RFC 9457) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem details (RFC 9457) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
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
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Problem details (RFC 9457) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem details (RFC 9457) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem details (RFC 9457) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem details (RFC 9457) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem details (RFC 9457) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
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
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookPage"];
                };
            };
            /** @description Problem details (RFC 9457) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem details (RFC 9457) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem details (RFC 9457) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
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
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedWebhook"];
                };
            };
            /** @description Problem details (RFC 9457) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem details (RFC 9457) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem details (RFC 9457) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem details (RFC 9457) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
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
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Problem details (RFC 9457) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem details (RFC 9457) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem details (RFC 9457) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
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
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDeliveryPage"];
                };
            };
            /** @description Problem details (RFC 9457) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem details (RFC 9457) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem details (RFC 9457) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem details (RFC 9457) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
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
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDelivery"];
                };
            };
            /** @description Problem details (RFC 9457) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem details (RFC 9457) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem details (RFC 9457) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem details (RFC 9457) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
}
