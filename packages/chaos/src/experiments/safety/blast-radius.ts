import { ConfigError, childPath, type ConfigIssue } from '@faultline/core';
import type { Activity, Experiment } from '../format/schema.js';

/**
 * Checks an experiment against its own `blast-radius` before anything is injected: how many
 * toxics, how toxic, on which proxies, for how long. Throws a ConfigError naming each activity
 * that is over a limit.
 */
export function checkBlastRadius(experiment: Experiment): void {
  const limits = experiment['blast-radius'];
  if (!limits) return;
  const issues: ConfigIssue[] = [];
  const injecting = [
    ...experiment.method.map((activity, index) => ({ activity, path: childPath('method', index) })),
    ...experiment.rollbacks.map((activity, index) => ({ activity, path: childPath('rollbacks', index) })),
  ];
  const adds = injecting.filter(({ activity }) => activity.provider.type === 'add-toxic');
  const maxToxics = limits['max-toxics'];
  if (maxToxics !== undefined && adds.length > maxToxics)
    issues.push({
      path: adds[maxToxics]!.path,
      message: `${adds.length} toxics are over blast-radius.max-toxics ${maxToxics}`,
    });
  for (const { activity, path } of injecting) {
    const provider = activity.provider;
    if (provider.type !== 'add-toxic' && provider.type !== 'remove-toxic') continue;
    const allowed = limits['allowed-proxies'];
    if (allowed && !allowed.includes(provider.proxy))
      issues.push({
        path: childPath(childPath(path, 'provider'), 'proxy'),
        message: `proxy ${JSON.stringify(provider.proxy)} is not in blast-radius.allowed-proxies (${allowed.join(', ') || 'none'})`,
      });
    if (provider.type !== 'add-toxic') continue;
    const toxicPath = childPath(childPath(path, 'provider'), 'toxic');
    const maxToxicity = limits['max-toxicity'];
    if (maxToxicity !== undefined && provider.toxic.toxicity > maxToxicity)
      issues.push({
        path: childPath(toxicPath, 'toxicity'),
        message: `${provider.toxic.toxicity} is over blast-radius.max-toxicity ${maxToxicity}; lower it (toxicity defaults to 1)`,
      });
    const maxDuration = limits['max-duration'];
    if (maxDuration !== undefined && (provider.toxic.duration ?? 0) > maxDuration)
      issues.push({
        path: childPath(toxicPath, 'duration'),
        message: `${provider.toxic.duration}ms is over blast-radius.max-duration ${maxDuration}ms`,
      });
  }
  const maxDuration = limits['max-duration'];
  if (maxDuration !== undefined) {
    const planned = experiment.method.reduce((sum, activity) => sum + plannedMs(activity), 0);
    if (planned > maxDuration)
      issues.push({
        path: 'method',
        message: `its waits and pauses add up to ${planned}ms, over blast-radius.max-duration ${maxDuration}ms`,
      });
  }
  if (issues.length > 0) throw new ConfigError(issues);
}

function plannedMs(activity: Activity): number {
  const wait = activity.provider.type === 'wait' ? activity.provider.duration : 0;
  return wait + (activity.pauses?.before ?? 0) + (activity.pauses?.after ?? 0);
}
