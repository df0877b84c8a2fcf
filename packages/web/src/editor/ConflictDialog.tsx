import { Modal } from '../ui/Modal.js';

/** Someone saved the design since it was loaded: reload theirs, overwrite with mine, or keep editing. */
export function ConflictDialog(props: {
  loadedVersion: number;
  currentVersion: number | undefined;
  onReload: () => void;
  onOverwrite: () => void;
  onCancel: () => void;
}) {
  return (
    <Modal title="Someone else saved this design" onClose={props.onCancel}>
      <p>
        You started from version {props.loadedVersion}, but the design is now at version{' '}
        {props.currentVersion ?? 'a later one'}. Nothing of yours was saved.
      </p>
      <ul>
        <li>
          <strong>Reload</strong> shows their version; your unsaved changes are dropped.
        </li>
        <li>
          <strong>Overwrite</strong> saves yours as the next version; theirs stays in the history.
        </li>
      </ul>
      <div className="row">
        <button type="button" className="button secondary" onClick={props.onCancel}>
          Keep editing
        </button>
        <button type="button" className="button secondary" onClick={props.onReload}>
          Reload their version
        </button>
        <button type="button" className="button danger" onClick={props.onOverwrite}>
          Overwrite with mine
        </button>
      </div>
    </Modal>
  );
}
