/** @jsxImportSource hono/jsx */
import type { Child } from "hono/jsx";
import type { Principal } from "@rollgate/core/auth";
import { Layout } from "../layout.js";

/**
 * A confirmation step as a page of its own (no script, reachable by keyboard): what is about
 * to happen, an optional text field, the button that does it and a way back.
 */
export function ConfirmPage(props: {
  title: string;
  explain: string;
  action: string;
  button: string;
  danger?: boolean;
  field?: { name: string; label: string };
  cancel: string;
  principal: Principal;
  error?: string;
  children?: Child;
}) {
  return (
    <Layout title={props.title} principal={props.principal}>
      <h1>{props.title}</h1>
      {props.error ? (
        <p class="notice error" role="alert" data-testid="message">
          {props.error}
        </p>
      ) : null}
      {props.children}
      <p>{props.explain}</p>
      <form method="post" action={props.action}>
        {props.field ? (
          <>
            <label for="confirm-text">{props.field.label}</label>
            <textarea id="confirm-text" name={props.field.name} rows={3} maxlength={500}></textarea>
          </>
        ) : null}
        <div class="actions">
          <button type="submit" class={props.danger ? "danger" : "primary"} data-testid="confirm">
            {props.button}
          </button>
          <a class="button" href={props.cancel}>
            Cancel
          </a>
        </div>
      </form>
    </Layout>
  );
}
