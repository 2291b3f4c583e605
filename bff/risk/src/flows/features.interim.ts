import { ConflictError } from '@zhanye/kit';
import type { Features } from '../ports.ts';

/**
 * Until the feature factory is wired: a version that declares no features decides; one that
 * declares any is refused naming them (409 `UNKNOWN_FEATURE`), never answered with nulls.
 */
export const noFeatures: Features = {
  async snapshot(_caller, q) {
    if (q.names.length === 0) return {};
    throw new ConflictError(`unknown features: ${q.names.join(', ')}`, 'UNKNOWN_FEATURE');
  },
};
