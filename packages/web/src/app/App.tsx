import { lazy, Suspense } from 'react';
import { DesignsScreen } from '../designs/DesignsScreen.js';
import { hrefOf, useRoute, type Route } from './router.js';
import { TokenDialog } from './TokenDialog.js';
import { useTheme } from './theme.js';

// The editor (React Flow) and the runs (uPlot) are loaded when first opened, so the designs list
// shows without waiting for libraries it does not use.
const EditorScreen = lazy(() =>
  import('../editor/EditorScreen.js').then((m) => ({ default: m.EditorScreen })),
);
const RunsScreen = lazy(() => import('../runs/RunsScreen.js').then((m) => ({ default: m.RunsScreen })));
const LiveScreen = lazy(() => import('../live/LiveScreen.js').then((m) => ({ default: m.LiveScreen })));

/** The studio: a header with the screens, and the screen the location names. */
export function App() {
  const route = useRoute();
  const { theme, toggle } = useTheme();
  const designId = 'designId' in route ? route.designId : undefined;
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <a className="brand" href={hrefOf({ screen: 'designs' })}>
          Faultline <span className="brand-sub">studio</span>
        </a>
        <nav aria-label="Screens">
          <ul className="nav-list">
            <NavLink route={{ screen: 'designs' }} current={route} label="Designs" />
            {designId && (
              <>
                <NavLink route={{ screen: 'editor', designId }} current={route} label="Editor" />
                <NavLink route={{ screen: 'runs', designId }} current={route} label="Runs" />
                <NavLink route={{ screen: 'live', designId }} current={route} label="Live" />
              </>
            )}
          </ul>
        </nav>
        <button
          type="button"
          className="button ghost"
          onClick={toggle}
          aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`}
        >
          {theme === 'dark' ? '☀ Light' : '☾ Dark'}
        </button>
      </header>
      <main id="main" className="app-main" tabIndex={-1}>
        <Suspense fallback={<p aria-live="polite">Loading…</p>}>
          <Screen route={route} />
        </Suspense>
      </main>
      <TokenDialog />
    </div>
  );
}

function NavLink({ route, current, label }: { route: Route; current: Route; label: string }) {
  const active = route.screen === current.screen;
  return (
    <li>
      <a
        href={hrefOf(route)}
        aria-current={active ? 'page' : undefined}
        className={active ? 'active' : undefined}
      >
        {label}
      </a>
    </li>
  );
}

function Screen({ route }: { route: Route }) {
  switch (route.screen) {
    case 'designs':
      return <DesignsScreen />;
    case 'editor':
      return <EditorScreen key={route.designId} designId={route.designId} />;
    case 'runs':
      return <RunsScreen key={route.designId} designId={route.designId} runId={route.runId} />;
    case 'live':
      return <LiveScreen key={route.designId} designId={route.designId} sessionId={route.sessionId} />;
    case 'notFound':
      return (
        <section className="panel">
          <h1>Nothing here</h1>
          <p>
            No screen at <code>{route.path}</code>.{' '}
            <a href={hrefOf({ screen: 'designs' })}>See the designs</a>.
          </p>
        </section>
      );
  }
}
