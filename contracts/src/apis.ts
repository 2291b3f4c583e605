import { creditApi } from './credit/credit.routes.ts';
import { customerApi } from './customer/customer.routes.ts';
import type { Endpoint } from './http.ts';
import { marketingApi } from './marketing/marketing.routes.ts';
import { adminApi } from './platform/admin.routes.ts';
import { auditApi } from './platform/audit.routes.ts';
import { accountApi, authApi, platformApi } from './platform/platform.routes.ts';
import { riskApi } from './risk/risk.routes.ts';

/** Every HTTP API of the product, for the OpenAPI document and the generated security tests. */
export const allApis: Record<string, Record<string, Endpoint>> = {
  auth: authApi,
  platform: platformApi,
  account: accountApi,
  admin: adminApi,
  audit: auditApi,
  customer: customerApi,
  marketing: marketingApi,
  credit: creditApi,
  risk: riskApi,
};

export const allEndpoints = (): Endpoint[] => Object.values(allApis).flatMap((api) => Object.values(api));
