import { readFile } from 'node:fs/promises';
import { ConfigError } from '@faultline/core';
import { ProxyApiError } from '../model/api-error.js';
import type { ProxyCollection } from '../model/proxy-collection.js';

/**
 * Creates the proxies of a config file: a JSON array in the populate format, where each proxy may
 * also list its toxics. Unlike Toxiproxy, which logs a bad file and starts empty, a bad file stops
 * the start with an error naming the file and the entry.
 */
export async function loadConfigFile(file: string, proxies: ProxyCollection): Promise<void> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigError([
      { path: file, message: `cannot read the config file: ${(error as Error).message}` },
    ]);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new ConfigError([
      { path: file, message: `expected JSON in the populate format: ${(error as Error).message}` },
    ]);
  }
  let failure: ProxyApiError | undefined;
  try {
    failure = (await proxies.populate(body)).error;
  } catch (error) {
    if (!(error instanceof ProxyApiError)) throw error;
    failure = error;
  }
  if (failure) {
    proxies.close();
    throw new ConfigError([{ path: file, message: failure.message }]);
  }
}
