import type { Proxy } from '../model/proxy.js';

/**
 * Prometheus text for every proxy: Toxiproxy's two byte counters (same names and labels, so its
 * dashboards work) and the number of open connections.
 */
export function metricsText(proxies: readonly Proxy[]): string {
  const lines: string[] = [];
  const counter = (name: string, help: string, kind: 'received' | 'sent'): void => {
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} counter`);
    for (const proxy of proxies)
      for (const direction of ['upstream', 'downstream'] as const)
        lines.push(`${name}{${labels(proxy, { direction })}} ${proxy.bytes[direction][kind]}`);
  };
  counter(
    'toxiproxy_proxy_received_bytes_total',
    'The number of bytes received from the source of a link',
    'received',
  );
  counter(
    'toxiproxy_proxy_sent_bytes_total',
    'The number of bytes sent to the destination of a link',
    'sent',
  );
  lines.push(
    '# HELP faultline_proxy_connections The number of open client connections',
    '# TYPE faultline_proxy_connections gauge',
  );
  for (const proxy of proxies)
    lines.push(`faultline_proxy_connections{${labels(proxy)}} ${proxy.connectionCount}`);
  return `${lines.join('\n')}\n`;
}

function labels(proxy: Proxy, extra: Record<string, string> = {}): string {
  const all = { ...extra, listener: proxy.listen, proxy: proxy.name, upstream: proxy.upstream };
  return Object.entries(all)
    .map(
      ([key, value]) => `${key}="${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`,
    )
    .join(',');
}
