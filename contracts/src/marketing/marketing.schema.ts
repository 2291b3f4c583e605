import { z } from 'zod';
import { Id, IsoDateTime, PositiveMoney } from '../http.ts';

export const LeadSource = z.enum(['visit', 'phone', 'qr', 'campaign', 'referral']);
export const LeadStatus = z.enum(['new', 'following', 'converted', 'lost']);

export const Lead = z.object({
  id: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  product: z.string(),
  expectedAmount: z.string(),
  source: LeadSource,
  status: LeadStatus,
  note: z.string(),
  ownerId: z.string(),
  createdAt: IsoDateTime,
});
export type Lead = z.infer<typeof Lead>;

export const CreateLead = z.object({
  customerId: Id,
  product: z.string().trim().min(1, 'required').max(64),
  expectedAmount: PositiveMoney,
  source: LeadSource.default('visit'),
  note: z.string().trim().max(500).default(''),
});
