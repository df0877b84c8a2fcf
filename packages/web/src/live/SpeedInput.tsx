/** The pace of a live session, 1× to 100× the wall clock. */
export function SpeedInput(props: { speed: number; onChange: (speed: number) => void }) {
  return (
    <>
      <label htmlFor="live-speed">Speed</label>
      <input
        id="live-speed"
        type="range"
        min={1}
        max={100}
        value={props.speed}
        aria-valuetext={`${props.speed} times real time`}
        onChange={(e) => props.onChange(Number(e.target.value))}
      />
      <output htmlFor="live-speed">{props.speed}×</output>
    </>
  );
}
