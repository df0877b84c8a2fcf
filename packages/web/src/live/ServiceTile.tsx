import type { ServiceView } from './normalize.js';
import { Sparkline } from './Sparkline.js';

/** One service for the room: health by colour and in words, the numbers, and their trend. */
export function ServiceTile(props: {
  name: string;
  service: ServiceView;
  instancesUp: number;
  instances: number;
  throughput: readonly number[];
  errors: readonly number[];
}) {
  const { name, service } = props;
  return (
    <article
      className={`tile ${service.health}`}
      aria-label={`${name}: ${service.health}`}
      data-health={service.health}
    >
      <h3>
        <span>{name}</span>
        <span>{service.health}</span>
      </h3>
      <dl>
        <dt>requests/s</dt>
        <dd>{Math.round(service.throughput).toLocaleString()}</dd>
        <dt>errors</dt>
        <dd>{(service.errorRate * 100).toFixed(1)}%</dd>
        <dt>p99</dt>
        <dd>{service.p99 === null ? '—' : `${Math.round(service.p99)} ms`}</dd>
        <dt>instances up</dt>
        <dd>
          {props.instancesUp} / {props.instances}
        </dd>
      </dl>
      <Sparkline values={props.throughput} label={`${name} requests per second, recent`} />
      <Sparkline values={props.errors} label={`${name} error percent, recent`} height={24} />
    </article>
  );
}
