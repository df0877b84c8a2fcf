import { ApiError, messageOf } from '../api/errors.js';

/** An error the user can act on: the server's message, and every issue with its path. */
export function ErrorBanner(props: { error: unknown; onDismiss?: () => void }) {
  if (!props.error) return null;
  const issues = props.error instanceof ApiError ? props.error.issues : [];
  return (
    <div className="banner bad" role="alert">
      <div className="row spread">
        <strong>{messageOf(props.error)}</strong>
        {props.onDismiss && (
          <button type="button" className="button ghost small" onClick={props.onDismiss}>
            Dismiss
          </button>
        )}
      </div>
      {issues.length > 1 && (
        <ul>
          {issues.map((issue) => (
            <li key={`${issue.path}:${issue.message}`}>
              <code>{issue.path}</code>: {issue.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
