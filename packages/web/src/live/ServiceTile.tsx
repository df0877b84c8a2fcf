import type { LiveService } from '../api/live.js';
import { healthOf } from './health.js';
import { Sparkline } from './Sparkline.js';

const HEALTH_LABEL = { healthy: 'healthy', degraded: 'degraded', down: 'down' } as const;

/** One service for the room: health by colour and in words, the numbers, and their trend. */
export function ServiceTile(props: {
  name: string;
  service: LiveService;
  rps: readonly number[];
  errors: readonly number[];
}) {
  const { name, service } = props;
  const health = healthOf(service);
  return (
    <article
      className={`tile ${health}`}
      aria-label={`${name}: ${HEALTH_LABEL[health]}`}
      data-health={health}
    >
      <h3>
        <span>{name}</span>
        <span>{HEALTH_LABEL[health]}</span>
      </h3>
      <dl>
        <dt>requests/s</dt>
        <dd>{Math.round(service.requestsPerSecond).toLocaleString()}</dd>
        <dt>errors</dt>
        <dd>{(service.errorRate * 100).toFixed(1)}%</dd>
        <dt>p99</dt>
        <dd>{service.p99 === null ? '—' : `${Math.round(service.p99)} ms`}</dd>
        <dt>instances up</dt>
        <dd>
          {service.instancesUp} / {service.instances}
        </dd>
      </dl>
      <Sparkline values={props.rps} label={`${name} requests per second, recent`} />
      <Sparkline values={props.errors} label={`${name} error percent, recent`} height={24} />
    </article>
  );
}
