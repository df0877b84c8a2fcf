import '@xyflow/react/dist/style.css';
import { useEffect, useState } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import { ApiError, fieldErrorsOf, type FieldErrors } from '../api/errors.js';
import { exportDesign, getDesign, updateDesign } from '../api/designs.js';
import type { Design, DesignDocument } from '../api/types.js';
import { hrefOf } from '../app/router.js';
import { useFaultSchemas } from '../forms/fault-schemas.js';
import { durationMs } from '../forms/values.js';
import { ErrorBanner } from '../ui/ErrorBanner.js';
import { ConflictDialog } from './ConflictDialog.js';
import * as doc from './document.js';
import { ServiceGraph, type Selection } from './graph/ServiceGraph.js';
import { useHistory } from './history.js';
import { FaultsPanel } from './panels/FaultsPanel.js';
import { ResiliencePanel } from './panels/ResiliencePanel.js';
import { ServicePanel } from './panels/ServicePanel.js';
import { WorkloadPanel } from './panels/WorkloadPanel.js';
import { AddCall } from './AddCall.js';
import { errorsUnder, placeOf, type Tab } from './problems.js';
import { Overview } from './Overview.js';

/** Loads a design, then edits it. */
export function EditorScreen({ designId }: { designId: string }) {
  const [design, setDesign] = useState<Design>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    getDesign(designId).then(setDesign, setError);
  }, [designId]);
  if (error) return <ErrorBanner error={error} />;
  if (!design) return <p aria-live="polite">Loading the design…</p>;
  return (
    <ReactFlowProvider>
      <Editor design={design} />
    </ReactFlowProvider>
  );
}

/** The design editor: the service graph, a panel for what is selected, workload and faults, undo, redo, save. */
export function Editor({ design: loaded }: { design: Design }) {
  const history = useHistory<DesignDocument>(loaded.document);
  const faultSchemas = useFaultSchemas();
  const document = history.value;
  const [base, setBase] = useState({ version: loaded.version, document: loaded.document });
  const [selection, setSelection] = useState<Selection>();
  const [tab, setTab] = useState<Tab>('selection');
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [banner, setBanner] = useState<unknown>();
  const [notice, setNotice] = useState<string>();
  const [conflict, setConflict] = useState<{ currentVersion: number | undefined }>();
  const [saving, setSaving] = useState(false);
  const dirty = document !== base.document;

  const names = doc.serviceNames(document);
  const calls = doc.callsOf(document);
  const runMs = durationMs(document['duration']) ?? 60_000;

  const save = async (expectedVersion: number) => {
    setSaving(true);
    setBanner(undefined);
    setNotice(undefined);
    try {
      const saved = await updateDesign({ id: loaded.id, expectedVersion, document });
      setBase({ version: saved.version, document });
      setServerErrors({});
      const warnings = (saved as Design & { warnings?: { path: string; message: string }[] }).warnings ?? [];
      setNotice(
        `Saved as version ${saved.version}.` +
          (warnings.length ? ` Warnings: ${warnings.map((w) => `${w.path}: ${w.message}`).join('; ')}` : ''),
      );
    } catch (e) {
      if (e instanceof ApiError && e.isVersionConflict) {
        setConflict({ currentVersion: e.currentVersion });
      } else {
        setServerErrors(fieldErrorsOf(e));
        setBanner(e);
        showProblem(e);
      }
    } finally {
      setSaving(false);
    }
  };

  // Takes the user to the first problem the server named, so its message is on screen.
  const showProblem = (e: unknown) => {
    const path = e instanceof ApiError ? e.issues[0]?.path : undefined;
    const place = path === undefined ? undefined : placeOf(path, { calls, names });
    if (!place) return;
    if (place.selection) setSelection(place.selection);
    setTab(place.tab);
  };

  const reload = async () => {
    setConflict(undefined);
    try {
      const latest = await getDesign(loaded.id);
      setBase({ version: latest.version, document: latest.document });
      history.reset(latest.document);
      setServerErrors({});
      setNotice(`Reloaded version ${latest.version}.`);
    } catch (e) {
      setBanner(e);
    }
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey)) return;
      const key = e.key.toLowerCase();
      const inText = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement;
      if (key === 's') {
        e.preventDefault();
        void save(base.version);
      } else if (!inText && key === 'z') {
        e.preventDefault();
        if (e.shiftKey) history.redo();
        else history.undo();
      } else if (!inText && key === 'y') {
        e.preventDefault();
        history.redo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const change = (next: DesignDocument) => history.change(next);
  const selectedCall = selection?.kind === 'call' ? calls.find((c) => c.path === selection.path) : undefined;
  const selectedService =
    selection?.kind === 'service' && names.includes(selection.name) ? selection.name : undefined;

  const download = async () => {
    try {
      const text = dirty ? undefined : await exportDesign(loaded.id);
      const blob = new Blob([text ?? JSON.stringify(document, null, 2)], {
        type: text ? 'application/yaml' : 'application/json',
      });
      const a = window.document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = `${String(document['name'] ?? 'design')}.${text ? 'yaml' : 'json'}`;
      a.click();
      URL.revokeObjectURL(a.href);
    } catch (e) {
      setBanner(e);
    }
  };

  return (
    <section aria-labelledby="editor-title">
      <div className="row spread" style={{ marginBottom: '0.5rem' }}>
        <h1 id="editor-title">
          {String(document['name'] ?? loaded.name)}{' '}
          <span className="muted" style={{ fontSize: '0.9rem' }}>
            version {base.version}
            {dirty ? ' · unsaved changes' : ''}
          </span>
        </h1>
        <div className="row" role="toolbar" aria-label="Editor">
          <button
            type="button"
            className="button secondary"
            onClick={() => {
              const name = doc.freshName(document);
              change(doc.addService(document, name));
              setSelection({ kind: 'service', name });
              setTab('selection');
            }}
          >
            Add service
          </button>
          <AddCall
            names={names}
            document={document}
            onAdd={(from, to) => change(doc.addCall(document, from, to))}
          />
          <button
            type="button"
            className="button ghost"
            onClick={history.undo}
            disabled={!history.canUndo}
            title="Ctrl+Z"
          >
            Undo
          </button>
          <button
            type="button"
            className="button ghost"
            onClick={history.redo}
            disabled={!history.canRedo}
            title="Ctrl+Shift+Z"
          >
            Redo
          </button>
          <button type="button" className="button ghost" onClick={() => void download()}>
            Export
          </button>
          <a className="button ghost" href={hrefOf({ screen: 'runs', designId: loaded.id })}>
            Runs
          </a>
          <button
            type="button"
            className="button"
            onClick={() => void save(base.version)}
            disabled={saving || !dirty}
            title="Ctrl+S"
          >
            {saving ? 'Saving…' : 'Save'}
          </button>
        </div>
      </div>
      <div aria-live="polite">{notice && <div className="banner ok">{notice}</div>}</div>
      <ErrorBanner error={banner} onDismiss={() => setBanner(undefined)} />
      <div className="editor">
        <div className="graph" aria-label="Service graph">
          <ServiceGraph
            designId={loaded.id}
            document={document}
            selection={selection}
            onSelect={(s) => {
              setSelection(s);
              if (s) setTab('selection');
            }}
            onConnect={({ from, to }) => {
              const problem = doc.callProblem(document, from, to);
              if (problem) setBanner(new Error(problem));
              else change(doc.addCall(document, from, to));
            }}
          />
        </div>
        <div className="side panel">
          <div className="tabs" role="tablist" aria-label="Panels">
            {(
              [
                ['selection', selectedCall ? 'Resilience' : 'Service'],
                ['workload', 'Workload'],
                ['faults', `Faults (${doc.listOf(document, 'faults').length})`],
              ] as const
            ).map(([id, label]) => (
              <button
                key={id}
                type="button"
                role="tab"
                id={`tab-${id}`}
                aria-selected={tab === id}
                aria-controls={tab === id ? `panel-${id}` : undefined}
                onClick={() => setTab(id)}
              >
                {label}
              </button>
            ))}
          </div>
          <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
            {tab === 'selection' &&
              (selectedCall ? (
                <ResiliencePanel
                  key={selectedCall.path}
                  from={selectedCall.from}
                  call={selectedCall.call}
                  errors={errorsUnder(serverErrors, selectedCall.path)}
                  onChange={({ call }) => change(doc.setCall(document, selectedCall.path, call))}
                  onRemove={() => {
                    change(doc.setCall(document, selectedCall.path, undefined));
                    setSelection(undefined);
                  }}
                />
              ) : selectedService ? (
                <ServicePanel
                  key={selectedService}
                  name={selectedService}
                  service={doc.servicesOf(document)[selectedService] ?? {}}
                  calls={calls.filter((c) => c.from === selectedService)}
                  names={names}
                  errors={errorsUnder(serverErrors, `services.${selectedService}`)}
                  onChange={({ settings }) => change(doc.setService(document, selectedService, settings))}
                  onRename={({ to }) => {
                    change(doc.renameService(document, selectedService, to));
                    setSelection({ kind: 'service', name: to });
                  }}
                  onRemove={() => {
                    change(doc.removeService(document, selectedService));
                    setSelection(undefined);
                  }}
                  onSelectCall={({ path }) => setSelection({ kind: 'call', path })}
                />
              ) : (
                <Overview names={names} calls={calls} onSelect={setSelection} />
              ))}
            {tab === 'workload' && (
              <WorkloadPanel
                document={document}
                workload={doc.listOf(document, 'workload')}
                services={names}
                errors={serverErrors}
                onDesignChange={({ settings }) => change(doc.setSettings(document, settings))}
                onChange={({ workload }) => change(doc.setList(document, 'workload', workload))}
              />
            )}
            {tab === 'faults' && (
              <FaultsPanel
                faults={doc.listOf(document, 'faults')}
                runMs={runMs}
                services={names}
                errors={serverErrors}
                schemas={faultSchemas}
                onChange={({ faults }) => change(doc.setList(document, 'faults', faults))}
              />
            )}
          </div>
        </div>
      </div>
      {conflict && (
        <ConflictDialog
          loadedVersion={base.version}
          currentVersion={conflict.currentVersion}
          onCancel={() => setConflict(undefined)}
          onReload={() => void reload()}
          onOverwrite={() => {
            const version = conflict.currentVersion;
            setConflict(undefined);
            if (version !== undefined) void save(version);
            else void reload();
          }}
        />
      )}
    </section>
  );
}
