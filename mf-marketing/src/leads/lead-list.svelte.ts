import { type ApiClient, type Lead, marketingApi } from '@zhanye/contracts';
import { isAbort } from '../errors.ts';

/** One page of the caller's leads, newest first. One instance per mount. */
export class LeadList {
  items = $state<Lead[]>([]);
  total = $state(0);
  page = $state(1);
  loading = $state(false);
  error = $state<unknown>(null);
  readonly pageSize = 20;
  pages = $derived(Math.max(1, Math.ceil(this.total / this.pageSize)));
  #inflight: AbortController | undefined;

  constructor(private readonly api: ApiClient) {}

  async load(page = this.page): Promise<void> {
    this.#inflight?.abort();
    const ctrl = new AbortController();
    this.#inflight = ctrl;
    this.loading = true;
    try {
      const res = await this.api.call(
        marketingApi.listLeads,
        { page, pageSize: this.pageSize },
        { signal: ctrl.signal },
      );
      this.items = res.items;
      this.total = res.total;
      this.page = res.page;
      this.error = null;
    } catch (e) {
      if (!isAbort(e)) this.error = e;
    } finally {
      if (this.#inflight === ctrl) this.loading = false;
    }
  }

  dispose() {
    this.#inflight?.abort();
  }
}
