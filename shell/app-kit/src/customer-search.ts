import { type ApiClient, type CustomerSummary, customerApi } from '@zhanye/contracts';

/**
 * The customer picker's data, for the React picker (`@zhanye/app-kit/react`) and the Svelte one
 * (mf-marketing): the same query, the same label, the same look-up of a preset customer.
 */

/** `王秀英 · 139****1002 · 3301**********2346`: enough to tell namesakes apart, nothing unmasked. */
export const customerLabel = (c: CustomerSummary): string =>
  `${c.name} · ${c.phoneMasked} · ${c.idNumberMasked}`;

/** Customers matching what was typed (name, phone, last digits of the ID number), in the caller's scope. */
export async function findCustomers(api: ApiClient, typed: string, signal?: AbortSignal) {
  const q = typed.trim().slice(0, 64);
  const page = await api.call(customerApi.list, { q: q || undefined, pageSize: 20 }, { signal });
  return page.items;
}

/** One customer by id (a preset choice, e.g. `?customerId=`); rejects when unknown or out of scope. */
export async function customerById(api: ApiClient, id: string, signal?: AbortSignal) {
  const c360 = await api.call(customerApi.get, { id }, { signal });
  return c360.customer;
}
