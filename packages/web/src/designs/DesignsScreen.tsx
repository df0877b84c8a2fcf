import { useRef, useState } from 'react';
import { createDesign, deleteDesign, getDesign, importDesign, listDesigns } from '../api/designs.js';
import type { DesignSummary } from '../api/types.js';
import { hrefOf, navigate } from '../app/router.js';
import { starterDocument } from '../editor/document.js';
import { ConfirmDialog, Modal } from '../ui/Modal.js';
import { ErrorBanner } from '../ui/ErrorBanner.js';
import { useLoad } from '../ui/useLoad.js';

/** The designs: search, create, import YAML, duplicate, delete. */
export function DesignsScreen() {
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<'updated' | 'name'>('updated');
  const list = useLoad(() => listDesigns({ search, sort }), [search, sort]);
  const [error, setError] = useState<unknown>();
  const [deleting, setDeleting] = useState<DesignSummary>();
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);

  const act = async (work: () => Promise<void>) => {
    setError(undefined);
    try {
      await work();
    } catch (e) {
      setError(e);
    }
  };

  const duplicate = (summary: DesignSummary) =>
    act(async () => {
      const design = await getDesign(summary.id);
      const copy = await createDesign({
        document: { ...design.document, name: `${design.name} (copy)` },
        message: `copy of ${design.name} v${design.version}`,
      });
      navigate({ screen: 'editor', designId: copy.id });
    });

  return (
    <section aria-labelledby="designs-title">
      <div className="row spread">
        <h1 id="designs-title">Designs</h1>
        <div className="row">
          <button type="button" className="button secondary" onClick={() => setImporting(true)}>
            Import YAML
          </button>
          <button type="button" className="button" onClick={() => setCreating(true)}>
            New design
          </button>
        </div>
      </div>
      <div className="row" style={{ marginBottom: '0.75rem' }}>
        <label htmlFor="design-search">Search</label>
        <input
          id="design-search"
          type="search"
          value={search}
          placeholder="part of a name"
          onChange={(e) => setSearch(e.target.value)}
        />
        <label htmlFor="design-sort">Sort by</label>
        <select id="design-sort" value={sort} onChange={(e) => setSort(e.target.value as 'updated' | 'name')}>
          <option value="updated">last saved</option>
          <option value="name">name</option>
        </select>
      </div>
      <ErrorBanner error={error ?? list.error} onDismiss={error ? () => setError(undefined) : undefined} />
      <div className="panel">
        {list.loading && !list.data ? (
          <p aria-live="polite">Loading designs…</p>
        ) : list.data && list.data.items.length === 0 ? (
          <p>
            {search
              ? `No design's name contains "${search}".`
              : 'No designs yet: create one or import a YAML file.'}
          </p>
        ) : (
          <table>
            <caption className="muted" style={{ textAlign: 'left', paddingBottom: '0.4rem' }}>
              {list.data?.total ?? 0} designs
            </caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col" className="num">
                  Version
                </th>
                <th scope="col">Last saved</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {list.data?.items.map((d) => (
                <tr key={d.id}>
                  <td>
                    <a href={hrefOf({ screen: 'editor', designId: d.id })}>{d.name}</a>
                  </td>
                  <td className="num">{d.version}</td>
                  <td>
                    {new Date(d.updatedAt).toLocaleString()} <span className="muted">by {d.updatedBy}</span>
                  </td>
                  <td>
                    <div className="row">
                      <a className="button ghost small" href={hrefOf({ screen: 'runs', designId: d.id })}>
                        Runs
                      </a>
                      <a className="button ghost small" href={hrefOf({ screen: 'live', designId: d.id })}>
                        Live
                      </a>
                      <button
                        type="button"
                        className="button ghost small"
                        aria-label={`Duplicate ${d.name}`}
                        onClick={() => void duplicate(d)}
                      >
                        Duplicate
                      </button>
                      <button
                        type="button"
                        className="button ghost small"
                        aria-label={`Delete ${d.name}`}
                        onClick={() => setDeleting(d)}
                      >
                        Delete
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      {deleting && (
        <ConfirmDialog
          title={`Delete ${deleting.name}?`}
          message="The design leaves the list. Its versions and runs stay readable from their links."
          confirmLabel="Delete"
          onCancel={() => setDeleting(undefined)}
          onConfirm={() =>
            void act(async () => {
              const target = deleting;
              setDeleting(undefined);
              await deleteDesign(target.id);
              list.reload();
            })
          }
        />
      )}
      {creating && <CreateDialog onClose={() => setCreating(false)} />}
      {importing && <ImportDialog onClose={() => setImporting(false)} />}
    </section>
  );
}

function CreateDialog({ onClose }: { onClose: () => void }) {
  const [name, setName] = useState('');
  const [error, setError] = useState<unknown>();
  const submit = async () => {
    try {
      const design = await createDesign({ document: starterDocument(name.trim()) });
      navigate({ screen: 'editor', designId: design.id });
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Modal title="New design" onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="field">
          <label htmlFor="new-design-name">Name</label>
          <input id="new-design-name" required value={name} onChange={(e) => setName(e.target.value)} />
          <span className="hint">It starts with a gateway calling a backend, a workload and no faults.</span>
        </div>
        <ErrorBanner error={error} />
        <div className="row">
          <button type="button" className="button secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button" disabled={!name.trim()}>
            Create
          </button>
        </div>
      </form>
    </Modal>
  );
}

function ImportDialog({ onClose }: { onClose: () => void }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>();
  const fileRef = useRef<HTMLInputElement>(null);
  const submit = async () => {
    try {
      const design = await importDesign({ text });
      navigate({ screen: 'editor', designId: design.id });
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Modal title="Import a design" onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        className="stack"
      >
        <div className="row">
          <label htmlFor="import-file">YAML or JSON file</label>
          <input
            id="import-file"
            ref={fileRef}
            type="file"
            accept=".yaml,.yml,.json"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void file.text().then(setText);
            }}
          />
        </div>
        <label htmlFor="import-text">or paste it</label>
        <textarea id="import-text" rows={12} value={text} onChange={(e) => setText(e.target.value)} />
        <ErrorBanner error={error} />
        <div className="row">
          <button type="button" className="button secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button" disabled={!text.trim()}>
            Import
          </button>
        </div>
      </form>
    </Modal>
  );
}
