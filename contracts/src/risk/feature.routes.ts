import { z } from 'zod';
import { defineApi, wholeNumber } from '../http.ts';
import {
  AsOfDate,
  FeatureDef,
  FeatureDraft,
  FeatureHistogram,
  FeatureKind,
  FeatureName,
  FeatureSource,
  FeatureStatus,
  FeatureValue,
} from './feature.schema.ts';
import { riskPermissions as P } from './risk.permissions.ts';

/** The feature factory's pages: the catalogue, a definition's versions, computing, distributions. */
export const featureApi = defineApi('risk', {
  listFeatures: {
    method: 'GET',
    path: '/features',
    input: z.object({
      q: z.string().trim().max(64).optional(),
      kind: FeatureKind.optional(),
      source: FeatureSource.optional(),
      status: FeatureStatus.optional(),
    }),
    output: z.object({ items: z.array(FeatureDef) }),
    permission: P.featureRead,
    summary: 'The caller’s bank’s feature catalogue: each feature at its newest version',
  },
  getFeature: {
    method: 'GET',
    path: '/features/:name',
    input: z.object({ name: FeatureName }),
    output: z.object({ current: FeatureDef, versions: z.array(FeatureDef) }),
    permission: P.featureRead,
    summary: 'One feature: the version in use and every version, newest first',
  },
  createFeature: {
    method: 'POST',
    path: '/features',
    input: z.object({ name: FeatureName, draft: FeatureDraft }),
    output: FeatureDef,
    permission: P.featureWrite,
    summary: 'A new feature (version 1); refused with the reason when its expression does not compile',
  },
  newFeatureVersion: {
    method: 'POST',
    path: '/features/:name/versions',
    input: z.object({ name: FeatureName, draft: FeatureDraft }),
    output: FeatureDef,
    permission: P.featureWrite,
    summary: 'A new version of a feature (an active one replaces the version in use)',
  },
  testFeature: {
    method: 'POST',
    path: '/customer-features/:id/test',
    input: z.object({
      /** The customer's id (the customer service's). */
      id: z.string().min(1).max(64),
      name: FeatureName,
      draft: FeatureDraft,
      /** Default: today (UTC). */
      asOf: AsOfDate.optional(),
    }),
    output: z.object({ value: FeatureValue, inputs: z.record(z.string(), FeatureValue) }),
    permission: P.featureWrite,
    summary:
      'Evaluates a draft definition for one customer in the caller’s scope as of a date (nothing stored)',
  },
  computeFeatures: {
    method: 'GET',
    path: '/customer-features/:id',
    input: z.object({
      id: z.string().min(1).max(64),
      /** Default: today (UTC). */
      asOf: AsOfDate.optional(),
      /** Comma-separated names; default every feature in use. */
      names: z.string().max(2000).optional(),
    }),
    output: z.object({ asOf: z.string(), values: z.record(z.string(), FeatureValue) }),
    permission: P.featureCompute,
    summary: 'Features of one customer in the caller’s scope as of a date',
  },
  pullFeeds: {
    method: 'POST',
    path: '/customer-features/:id/pull',
    input: z.object({ id: z.string().min(1).max(64), days: wholeNumber({ min: 1, max: 730 }).default(365) }),
    output: z.object({
      origin: z.enum(['simulator', 'feed']),
      received: z.number().int(),
      added: z.number().int(),
    }),
    permission: P.featureCompute,
    summary: 'Fetches one customer’s external data (the SIMULATED feeds) into risk’s read model now',
  },
  featureDistribution: {
    method: 'GET',
    path: '/features/:name/distribution',
    input: z.object({
      name: FeatureName,
      asOf: AsOfDate,
      bins: wholeNumber({ min: 2, max: 50 }).default(20),
    }),
    output: FeatureHistogram,
    permission: P.featureRead,
    summary: 'A feature’s distribution over the bank’s population as of a date (sampled when large)',
  },
});
