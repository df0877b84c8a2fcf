import { useEffect, useState } from 'react';
import { onUnauthorized, setToken } from '../api/client.js';
import { Modal } from '../ui/Modal.js';

/** Asks for the server's access token (FAULTLINE_TOKEN) the first time the API says 401. */
export function TokenDialog() {
  const [asked, setAsked] = useState(false);
  const [value, setValue] = useState('');
  useEffect(() => onUnauthorized(() => setAsked(true)), []);
  if (!asked) return null;
  return (
    <Modal title="This server needs an access token" onClose={() => setAsked(false)}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setToken(value.trim());
          // Every screen loads again with the token, rather than each retrying on its own.
          window.location.reload();
        }}
      >
        <p>It was started with FAULTLINE_TOKEN. The token is kept for this tab only.</p>
        <div className="field">
          <label htmlFor="access-token">Access token</label>
          <input
            id="access-token"
            type="password"
            autoComplete="off"
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
        </div>
        <div className="row">
          <button type="button" className="button secondary" onClick={() => setAsked(false)}>
            Cancel
          </button>
          <button type="submit" className="button" disabled={!value.trim()}>
            Use this token
          </button>
        </div>
      </form>
    </Modal>
  );
}
