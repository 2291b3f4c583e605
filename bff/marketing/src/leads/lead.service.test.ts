import type { CustomerSummary, Principal } from '@zhanye/contracts';
import type { Logger } from '@zhanye/kit';
import { describe, expect, it, vi } from 'vitest';
import type { LeadRow } from './lead.entity.ts';
import type { LeadRepository } from './lead.repository.ts';
import { LeadService } from './lead.service.ts';

const caller: Principal = {
  userId: 'u1',
  username: 'rm1',
  displayName: '客户经理一',
  bankId: 'b1',
  bankName: '一号农商行',
  orgId: 'b1-br1',
  orgPath: '/b1/b1-hq/b1-br1/',
  orgName: '一支行',
  roles: ['rm'],
  permissions: [],
  dataScope: 'self',
};
const customer = { id: '7b0c8c1e-3f5e-4e8a-9d3c-1f2e3d4c5b6a', name: '张三' } as CustomerSummary;

function setup(found: CustomerSummary | null) {
  const inserted: LeadRow[] = [];
  const repo = { insert: async (row: LeadRow) => void inserted.push(row) } as unknown as LeadRepository;
  const service = new LeadService(repo, async () => found);
  const log = { info: vi.fn() };
  const actor = { caller, requestId: 'req-1', log: log as unknown as Logger };
  const input = {
    customerId: customer.id,
    product: '农户贷',
    expectedAmount: '8000.5',
    source: 'qr',
    note: '',
  } as const;
  return { service, inserted, log, actor, input };
}

describe('LeadService.create', () => {
  it('writes the lead in the caller’s bank and org and leaves an audit line with the request id', async () => {
    const { service, inserted, log, actor, input } = setup(customer);
    const lead = await service.create(actor, input);
    expect(inserted).toHaveLength(1);
    expect(inserted[0]).toMatchObject({
      bankId: 'b1',
      orgPath: '/b1/b1-hq/b1-br1/',
      ownerId: 'u1',
      createdBy: 'u1',
    });
    expect(lead).toMatchObject({ customerName: '张三', expectedAmount: '8000.50', status: 'new' });
    expect(log.info).toHaveBeenCalledWith(
      expect.objectContaining({
        audit: 'marketing.lead.create',
        requestId: 'req-1',
        leadId: lead.id,
        actor: 'u1',
      }),
      'lead created',
    );
  });

  it('refuses a customer the lookup does not return, writing and auditing nothing', async () => {
    const { service, inserted, log, actor, input } = setup(null);
    await expect(service.create(actor, input)).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'customer not found',
    });
    expect(inserted).toHaveLength(0);
    expect(log.info).not.toHaveBeenCalled();
  });
});
