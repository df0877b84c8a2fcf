export type {
  ResilienceKey,
  ResilienceConfig,
  ResilienceParts,
  ResiliencePipeline,
  FromConfigOptions,
} from './from-config.js';
export { fromConfig, RESILIENCE_ORDER } from './from-config.js';
