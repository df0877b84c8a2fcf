export type {
  Distribution,
  ConstantDistribution,
  UniformDistribution,
  ExponentialDistribution,
  NormalDistribution,
  LognormalDistribution,
} from './distribution.js';
export { DISTRIBUTION_KINDS, Z_99, lognormal } from './distribution.js';
export { sampler } from './sampler.js';
