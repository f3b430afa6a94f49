/** @jsxImportSource hono/jsx */
import { Layout } from "../layout.js";

export function LoginPage(props: { next: string; error?: string; notice?: string }) {
  return (
    <Layout title="Sign in">
      <h1>Sign in to Rollgate</h1>
      {props.error ? (
        <p class="notice error" role="alert" data-testid="login-error">
          {props.error}
        </p>
      ) : null}
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <form method="post" action={`/ui/login?next=${encodeURIComponent(props.next)}`}>
        <label for="token">API token</label>
        <input id="token" name="token" type="password" autocomplete="off" required aria-describedby="token-help" />
        <p id="token-help" class="muted">
          The session acts with this token's scopes and ends when the token is revoked or expires, after 8 hours without use, or after 12 hours.
        </p>
        <button type="submit" class="primary">
          Sign in
        </button>
      </form>
    </Layout>
  );
}
