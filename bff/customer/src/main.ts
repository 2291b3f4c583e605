import { BaseConfig, serviceMain } from '@zhanye/kit';
import { z } from 'zod';
import { startCustomerService } from './app.ts';

const Config = BaseConfig.extend({
  /**
   * Key material for the keyed hashes that make search by ID number and phone exact (at least 32
   * characters; default: derived from ZY_INTERNAL_SECRET). Changing it recomputes the hashes at start.
   */
  ZY_CUSTOMER_LOOKUP_KEY: z.string().min(32).optional(),
});

serviceMain('customer', startCustomerService, Config);
