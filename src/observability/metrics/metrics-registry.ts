import type { FactoryProvider } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { metricsConfig } from '../../config/configuration';

export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');

/** A registry per application (not prom-client's global one), so that several instances can share a process. */
export const metricsRegistryProvider: FactoryProvider<Registry> = {
  provide: METRICS_REGISTRY,
  inject: [metricsConfig.KEY],
  useFactory: (config: ConfigType<typeof metricsConfig>): Registry => {
    const registry = new Registry();
    if (config.enabled) collectDefaultMetrics({ register: registry });
    return registry;
  },
};
