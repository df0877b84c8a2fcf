import { useState } from 'react';
import { getDesign } from '../api/designs.js';
import { startLive } from '../api/live.js';
import { navigate } from '../app/router.js';
import { ErrorBanner } from '../ui/ErrorBanner.js';
import { useLoad } from '../ui/useLoad.js';
import { instancesOf, LiveSessionView } from './LiveSession.js';
import { SpeedInput } from './SpeedInput.js';

/** The live showcase: start a session of a design, or watch one. */
export function LiveScreen({ designId, sessionId }: { designId: string; sessionId?: string | undefined }) {
  const design = useLoad(() => getDesign(designId), [designId]);
  const [speed, setSpeed] = useState(10);
  const [error, setError] = useState<unknown>();
  if (sessionId) {
    return (
      <LiveSessionView
        sessionId={sessionId}
        designName={design.data?.name}
        instances={instancesOf(design.data?.document)}
      />
    );
  }
  return (
    <section aria-labelledby="live-title" className="stack">
      <h1 id="live-title">Live showcase: {design.data?.name ?? '…'}</h1>
      <p>Runs the design paced to the clock, for a room to watch: break it by hand and see it heal.</p>
      <ErrorBanner error={error ?? design.error} />
      <form
        className="row panel"
        onSubmit={(e) => {
          e.preventDefault();
          startLive({ designId, speed }).then(
            (session) => navigate({ screen: 'live', designId, sessionId: session.id }),
            setError,
          );
        }}
      >
        <SpeedInput speed={speed} onChange={setSpeed} />
        <button type="submit" className="button">
          Start live session
        </button>
      </form>
    </section>
  );
}
