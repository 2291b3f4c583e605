import { z } from 'zod';
import { IsoDateTime } from '../http.ts';

/** 18-character PRC resident id: 17 digits and a digit or X. */
export const IdNumber = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^\d{17}[\dX]$/, 'must be an 18-character resident id number');
export const Phone = z
  .string()
  .trim()
  .regex(/^1\d{10}$/, 'must be an 11-digit mobile number');

export const CustomerSegment = z.enum(['prospect', 'listed', 'existing', 'merchant']);

export const CustomerSummary = z.object({
  id: z.string(),
  name: z.string(),
  idNumberMasked: z.string(),
  phoneMasked: z.string(),
  segment: CustomerSegment,
  ownerId: z.string(),
  ownerName: z.string(),
  orgId: z.string(),
  createdAt: IsoDateTime,
});
export type CustomerSummary = z.infer<typeof CustomerSummary>;

export const CreateCustomer = z.object({
  name: z.string().trim().min(1, 'required').max(64),
  idNumber: IdNumber,
  phone: Phone,
  segment: CustomerSegment.default('prospect'),
});

export const Customer360 = z.object({
  customer: CustomerSummary,
  birthDate: z.string().nullable(),
  gender: z.enum(['M', 'F']).nullable(),
  timelineCount: z.number().int(),
});

export const TimelineEntry = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  detail: z.record(z.string(), z.unknown()),
  occurredAt: IsoDateTime,
});
